package dev.wxgate.adapters.web.console;

import dev.wxgate.domain.PageRequest;

/** Page numbers from the query string: 1-based for people, clamped rather than refused when out of range. */
final class Paging {
    static final int PAGE_SIZE = 20;
    static final int MAX_PAGE = 10_000;

    private Paging() {}

    static PageRequest page(int oneBased) {
        return PageRequest.of(Math.clamp(oneBased, 1, MAX_PAGE) - 1, PAGE_SIZE);
    }
}
