package dev.wxgate.domain.session;

import dev.wxgate.domain.Require;
import java.util.regex.Pattern;

/** A session's public id, for listing and revoking: never the token, and useless as one. */
public record SessionId(String value) {
    private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9_-]{16,32}");

    public SessionId {
        Require.matches(value, SHAPE, "sessionId", "16 to 32 base64url characters");
    }

    @Override
    public String toString() {
        return value;
    }
}
