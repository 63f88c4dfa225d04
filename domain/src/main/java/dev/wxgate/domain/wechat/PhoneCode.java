package dev.wxgate.domain.wechat;

import dev.wxgate.domain.Require;
import java.util.regex.Pattern;

/**
 * The one-time code a mini-program's {@code getPhoneNumber} button yields, exchanged once for the user's phone
 * number. Its {@code toString()} never shows it.
 */
public record PhoneCode(String value) {
    // As with LoginCode: printable and bounded, the exact format is WeChat's to judge.
    private static final Pattern SHAPE = Pattern.compile("[^\\p{C}]{1,128}");

    public PhoneCode {
        Require.matches(value, SHAPE, "phoneCode", "1 to 128 printable characters");
        if (value.isBlank()) {
            throw new IllegalArgumentException("phoneCode must not be blank");
        }
    }

    @Override
    public String toString() {
        return "PhoneCode[****]";
    }
}
