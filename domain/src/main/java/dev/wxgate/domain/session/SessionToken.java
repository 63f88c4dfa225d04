package dev.wxgate.domain.session;

import dev.wxgate.domain.Require;
import java.util.regex.Pattern;

/**
 * The opaque bearer token wxgate hands a mini-program: 256 random bits, base64url without padding (43 characters).
 * Its {@code toString()} never shows it.
 */
public record SessionToken(String value) {
    private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9_-]{43}");

    public SessionToken {
        Require.matches(value, SHAPE, "token", "43 base64url characters");
    }

    @Override
    public String toString() {
        return "SessionToken[****]";
    }
}
