package dev.wxgate.domain.oauth;

import dev.wxgate.domain.Require;
import java.util.regex.Pattern;

/**
 * The one-time code WeChat hands back to the web login's callback, exchanged once (within five minutes) for who the
 * user is. Its {@code toString()} never shows it.
 */
public record WebCode(String value) {
    // WeChat's codes are 32 URL-safe characters today; anything printable and bounded is passed on for WeChat to judge.
    private static final Pattern SHAPE = Pattern.compile("[\\x21-\\x7e]{1,128}");

    public WebCode {
        Require.matches(value, SHAPE, "code", "1 to 128 printable ASCII characters");
    }

    @Override
    public String toString() {
        return "WebCode[****]";
    }
}
