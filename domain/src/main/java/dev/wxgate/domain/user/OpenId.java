package dev.wxgate.domain.user;

import dev.wxgate.domain.Require;
import java.util.regex.Pattern;

/** A user's openid: stable per user and per app (28 URL-safe characters from WeChat; 1 to 64 accepted). */
public record OpenId(String value) {
    private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    public OpenId {
        Require.matches(value, SHAPE, "openid", "1 to 64 letters, digits, '-' or '_'");
    }

    @Override
    public String toString() {
        return value;
    }
}
