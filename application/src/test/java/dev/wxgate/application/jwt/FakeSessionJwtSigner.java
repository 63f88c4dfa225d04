package dev.wxgate.application.jwt;

import dev.wxgate.domain.jwt.KeyId;
import dev.wxgate.domain.jwt.SessionJwtClaims;
import dev.wxgate.domain.jwt.SessionJwtSigner;
import dev.wxgate.domain.jwt.SigningKey;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** Keys numbered in creation order; a "JWT" that names its key and keeps its claims for the test to read. */
final class FakeSessionJwtSigner implements SessionJwtSigner {
    private final AtomicInteger made = new AtomicInteger();
    private final String prefix;
    SessionJwtClaims lastClaims;

    FakeSessionJwtSigner(String prefix) {
        this.prefix = prefix;
    }

    @Override
    public SigningKey newKey(long generation, Instant now) {
        return new SigningKey(
                new KeyId(prefix + "-key-" + made.incrementAndGet()),
                generation,
                "{\"kty\":\"EC\"}",
                "{\"d\":\"x\"}",
                now);
    }

    @Override
    public String sign(SigningKey key, SessionJwtClaims claims) {
        lastClaims = claims;
        return "jwt-by-" + key.id();
    }

    @Override
    public Map<String, Object> jwks(List<SigningKey> keys) {
        return Map.of(
                "keys",
                keys.stream().map(key -> Map.of("kid", key.id().value())).toList());
    }
}
