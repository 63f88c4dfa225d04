package dev.wxgate.domain.user;

import dev.wxgate.domain.Require;
import java.util.regex.Pattern;

/** A user's unionid: the same across all apps bound to one Open Platform account. */
public record UnionId(String value) {
    private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    public UnionId {
        Require.matches(value, SHAPE, "unionid", "1 to 64 letters, digits, '-' or '_'");
    }

    @Override
    public String toString() {
        return value;
    }
}
