package dev.wxgate.application.session;

import dev.wxgate.domain.session.SessionId;
import dev.wxgate.domain.session.SessionToken;
import java.security.SecureRandom;
import java.util.Base64;

/** Mints session tokens (256 random bits) and session ids (128 random bits), base64url without padding. */
public final class SessionTokens {
    private static final Base64.Encoder URL_SAFE = Base64.getUrlEncoder().withoutPadding();
    private final SecureRandom random;

    public SessionTokens(SecureRandom random) {
        this.random = random;
    }

    public SessionToken newToken() {
        return new SessionToken(randomText(32));
    }

    public SessionId newSessionId() {
        return new SessionId(randomText(16));
    }

    private String randomText(int bytes) {
        byte[] raw = new byte[bytes];
        random.nextBytes(raw);
        return URL_SAFE.encodeToString(raw);
    }
}
