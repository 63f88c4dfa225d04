package dev.wxgate.domain.wechat;

import dev.wxgate.domain.Require;
import java.util.regex.Pattern;

/**
 * The one-time code {@code wx.login} hands a mini-program, exchanged once for who the user is. Its {@code toString()}
 * never shows it.
 */
public record LoginCode(String value) {
    // WeChat's codes are 32 URL-safe characters today. Anything printable is accepted so a change of format on
    // WeChat's side is passed through (URL-encoded) and judged by WeChat, not rejected here.
    private static final Pattern SHAPE = Pattern.compile("[^\\p{C}]{1,128}");

    public LoginCode {
        Require.matches(value, SHAPE, "code", "1 to 128 printable characters");
        if (value.isBlank()) {
            throw new IllegalArgumentException("code must not be blank");
        }
    }

    @Override
    public String toString() {
        return "LoginCode[****]";
    }
}
