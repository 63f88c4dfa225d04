package dev.wxgate.sandbox;

import java.nio.ByteBuffer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Value: a user's phone number as WeChat reports it: country code (a string, as it arrives in practice) and the
 * number without it.
 */
record PhoneNumber(String countryCode, String purePhoneNumber) {
    private static final Pattern WITH_COUNTRY = Pattern.compile("\\+(\\d{1,4}) (\\d{4,15})");
    private static final Pattern DIGITS = Pattern.compile("\\d{4,15}");
    static final String CHINA = "86";

    PhoneNumber {
        if (countryCode == null || !countryCode.matches("\\d{1,4}")) {
            throw SandboxInputException.invalid("phoneNumber's country code must be 1 to 4 digits");
        }
        if (purePhoneNumber == null || !DIGITS.matcher(purePhoneNumber).matches()) {
            throw SandboxInputException.invalid("phoneNumber must have 4 to 15 digits after the country code");
        }
    }

    /**
     * Reads "+86 13800138000" or "13800138000" (then China). The space is required after a country code: without it
     * "+8613800138000" could be +86 or +861.
     */
    static PhoneNumber parse(String text) {
        if (text == null) {
            throw SandboxInputException.invalid("phoneNumber is required");
        }
        String trimmed = text.strip();
        Matcher withCountry = WITH_COUNTRY.matcher(trimmed);
        if (withCountry.matches()) {
            return new PhoneNumber(withCountry.group(1), withCountry.group(2));
        }
        if (DIGITS.matcher(trimmed).matches()) {
            return new PhoneNumber(CHINA, trimmed);
        }
        throw SandboxInputException.invalid(
                "phoneNumber must look like \"+86 13800138000\" (country code, space, digits) or plain digits");
    }

    /** A stable, plausible mainland mobile number for a user who was given none, so reruns see the same number. */
    static PhoneNumber derivedFor(String openid) {
        int bits = ByteBuffer.wrap(Secrets.sha256("phone:" + openid)).getInt() & Integer.MAX_VALUE;
        return new PhoneNumber(CHINA, "138" + String.format("%08d", bits % 100_000_000));
    }

    /**
     * WeChat's phoneNumber field: "user's bound number (foreign numbers carry the area code)". Our choice: the bare
     * number for China, "+cc number" otherwise.
     */
    String phoneNumber() {
        return CHINA.equals(countryCode) ? purePhoneNumber : "+" + countryCode + " " + purePhoneNumber;
    }

    @Override
    public String toString() {
        return "PhoneNumber[+" + countryCode + " ****" + purePhoneNumber.substring(purePhoneNumber.length() - 2) + "]";
    }
}
