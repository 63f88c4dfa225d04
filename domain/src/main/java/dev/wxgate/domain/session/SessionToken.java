package dev.wxgate.domain.session;

import dev.wxgate.domain.Require;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * The opaque bearer token wxgate hands a mini-program: 256 random bits, base64url without padding (43 characters).
 * Its {@code toString()} never shows it.
 */
public record SessionToken(String value) {
    private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9_-]{43}");
    private static final SecureRandom RANDOM = new SecureRandom();

    public SessionToken {
        Require.matches(value, SHAPE, "token", "43 base64url characters");
    }

    /** A new token: 256 bits from {@link SecureRandom}, base64url without padding. */
    public static SessionToken random() {
        byte[] bits = new byte[32];
        RANDOM.nextBytes(bits);
        return new SessionToken(Base64.getUrlEncoder().withoutPadding().encodeToString(bits));
    }

    @Override
    public String toString() {
        return "SessionToken[****]";
    }
}
