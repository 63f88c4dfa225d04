package dev.wxgate.domain;

import java.util.List;

/** One page of a listing, with how many items the whole listing holds. */
public record Page<T>(List<T> items, long total, PageRequest request) {

    public Page {
        items = List.copyOf(Require.present(items, "items"));
        Require.present(request, "request");
        if (total < 0) {
            throw new IllegalArgumentException("total must not be negative");
        }
    }

    public static <T> Page<T> empty(PageRequest request) {
        return new Page<>(List.of(), 0, request);
    }

    public int totalPages() {
        return (int) ((total + request.size() - 1) / request.size());
    }

    public boolean hasNext() {
        return request.offset() + items.size() < total;
    }
}
