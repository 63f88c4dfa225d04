package dev.wxgate.domain;

/** Which page of a listing to return: {@code page} counts from 0, {@code size} is 1 to {@value #MAX_SIZE} items. */
public record PageRequest(int page, int size) {
    public static final int MAX_SIZE = 200;

    public PageRequest {
        if (page < 0) {
            throw new IllegalArgumentException("page must not be negative");
        }
        if (size < 1 || size > MAX_SIZE) {
            throw new IllegalArgumentException("size must be 1 to " + MAX_SIZE);
        }
    }

    public static PageRequest of(int page, int size) {
        return new PageRequest(page, size);
    }

    /** How many items come before this page. */
    public long offset() {
        return (long) page * size;
    }
}
