package dev.wxgate.adapters.web.console;

import dev.wxgate.domain.PageRequest;

/** Page numbers from the query string: 1-based for people, clamped rather than refused when out of range. */
final class Paging {
    static final int PAGE_SIZE = 20;
    static final int MAX_PAGE = 10_000;

    private Paging() {}

    /** The page a {@code page} parameter asks for, 1 to {@value #MAX_PAGE}; anything not a number is the first. */
    static int number(String page) {
        try {
            return Math.clamp(Integer.parseInt(page.strip()), 1, MAX_PAGE);
        } catch (NumberFormatException notANumber) {
            return 1;
        }
    }

    static PageRequest page(String page) {
        return PageRequest.of(number(page) - 1, PAGE_SIZE);
    }
}
