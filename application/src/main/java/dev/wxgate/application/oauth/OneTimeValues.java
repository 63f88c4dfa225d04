package dev.wxgate.application.oauth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * Mints the web login's one-time values (state, browser binder, handoff code: 256 random bits, base64url) and hashes
 * them for the store, which never holds a value a browser presents.
 */
public final class OneTimeValues {
    private static final Base64.Encoder URL_SAFE = Base64.getUrlEncoder().withoutPadding();
    private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9_-]{43}");

    private final SecureRandom random;

    public OneTimeValues(SecureRandom random) {
        this.random = random;
    }

    String mint() {
        byte[] raw = new byte[32];
        random.nextBytes(raw);
        return URL_SAFE.encodeToString(raw);
    }

    /** Whether {@code value} has the shape of one wxgate minted (so a malformed one is refused without a lookup). */
    static boolean wellFormed(String value) {
        return value != null && SHAPE.matcher(value).matches();
    }

    static String hash(String value) {
        try {
            return URL_SAFE.encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("every JDK has SHA-256", impossible);
        }
    }

    /** Compares two hashes in constant time. */
    static boolean sameHash(String expected, String given) {
        return MessageDigest.isEqual(
                expected.getBytes(StandardCharsets.US_ASCII), given.getBytes(StandardCharsets.US_ASCII));
    }
}
