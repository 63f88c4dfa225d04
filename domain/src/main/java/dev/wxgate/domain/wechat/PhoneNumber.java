package dev.wxgate.domain.wechat;

import dev.wxgate.domain.Require;
import java.util.regex.Pattern;

/**
 * A user's phone number as WeChat reports it: {@code phoneNumber} as the user sees it (with the country code when it
 * is not Chinese), {@code purePhoneNumber} without country code, and {@code countryCode} ("86"). Its
 * {@code toString()} shows only the last four digits.
 */
public record PhoneNumber(String phoneNumber, String purePhoneNumber, String countryCode) {
    private static final Pattern FULL = Pattern.compile("\\+?[0-9][0-9 ()-]{2,31}");
    private static final Pattern PURE = Pattern.compile("[0-9]{3,20}");
    private static final Pattern COUNTRY = Pattern.compile("[0-9]{1,4}");

    public PhoneNumber {
        Require.matches(phoneNumber, FULL, "phoneNumber", "3 to 32 digits, optionally with '+', spaces, '-' or '()'");
        Require.matches(purePhoneNumber, PURE, "purePhoneNumber", "3 to 20 digits");
        Require.matches(countryCode, COUNTRY, "countryCode", "1 to 4 digits");
    }

    @Override
    public String toString() {
        String tail = purePhoneNumber.substring(Math.max(0, purePhoneNumber.length() - 4));
        return "PhoneNumber[+" + countryCode + " ****" + tail + "]";
    }
}
