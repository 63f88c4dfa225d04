package dev.wxgate.application.jwt;

import dev.wxgate.domain.jwt.KeyRing;
import dev.wxgate.domain.jwt.SessionJwtSigner;
import dev.wxgate.domain.jwt.SigningKey;
import dev.wxgate.domain.jwt.SigningKeyStore;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * Use case: the keys a consumer may need to verify a live session JWT: the signing key and the retired ones whose
 * tokens may not have expired yet. Callers publish their public halves only.
 */
public final class PublishJwks {
    private final SigningKeyStore store;
    private final SessionJwtSigner signer;
    private final JwtSettings settings;
    private final Clock clock;

    public PublishJwks(SigningKeyStore store, SessionJwtSigner signer, JwtSettings settings, Clock clock) {
        this.store = store;
        this.signer = signer;
        this.settings = settings;
        this.clock = clock;
    }

    /** The JWKS document of the verifying keys, as consumers fetch it. */
    public Map<String, Object> document() {
        return signer.jwks(verifyingKeys());
    }

    public List<SigningKey> verifyingKeys() {
        return new KeyRing(store.all()).verifying(clock.instant(), settings.verificationWindow());
    }
}
