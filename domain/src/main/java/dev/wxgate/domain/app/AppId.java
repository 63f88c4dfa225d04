package dev.wxgate.domain.app;

import dev.wxgate.domain.Require;
import java.util.regex.Pattern;

/** A WeChat app id: "wx" followed by 16 lowercase hex digits. */
public record AppId(String value) {
    private static final Pattern SHAPE = Pattern.compile("wx[0-9a-f]{16}");

    public AppId {
        Require.matches(value, SHAPE, "appId", "\"wx\" followed by 16 lowercase hex digits");
    }

    public static AppId of(String value) {
        return new AppId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
