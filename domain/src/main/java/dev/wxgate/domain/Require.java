package dev.wxgate.domain;

import java.util.regex.Pattern;

/** Guards shared by the value objects, so every rejection names its field the same way. */
public final class Require {
    private Require() {}

    public static String matches(String value, Pattern pattern, String field, String expected) {
        if (value == null) {
            throw new IllegalArgumentException(field + " is required");
        }
        if (!pattern.matcher(value).matches()) {
            throw new IllegalArgumentException(field + " must be " + expected);
        }
        return value;
    }

    public static <T> T present(T value, String field) {
        if (value == null) {
            throw new IllegalArgumentException(field + " is required");
        }
        return value;
    }
}
