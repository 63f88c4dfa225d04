package dev.wxgate.adapters.persistence.session;

import dev.wxgate.domain.session.SessionToken;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * What the stores key sessions by instead of the token: SHA-256 of it, base64url. A token is 256 random bits, so the
 * hash cannot be reversed or guessed, and presenting the hash as a token opens nothing. Public for the JMH benchmarks
 * (module benchmarks), which measure it as the stores run it.
 */
public final class TokenHash {
    private TokenHash() {}

    public static String of(SessionToken token) {
        try {
            byte[] digest =
                    MessageDigest.getInstance("SHA-256").digest(token.value().getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("SHA-256 is not available", impossible);
        }
    }
}
