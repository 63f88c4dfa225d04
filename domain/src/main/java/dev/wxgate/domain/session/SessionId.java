package dev.wxgate.domain.session;

import dev.wxgate.domain.Require;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Pattern;

/** A session's public id, for listing and revoking: never the token, and useless as one. */
public record SessionId(String value) {
    private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9_-]{16,32}");
    private static final SecureRandom RANDOM = new SecureRandom();

    public SessionId {
        Require.matches(value, SHAPE, "sessionId", "16 to 32 base64url characters");
    }

    /** A new id: 128 random bits, base64url (22 characters). */
    public static SessionId random() {
        byte[] bits = new byte[16];
        RANDOM.nextBytes(bits);
        return new SessionId(Base64.getUrlEncoder().withoutPadding().encodeToString(bits));
    }

    @Override
    public String toString() {
        return value;
    }
}
