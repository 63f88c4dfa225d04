package dev.wxgate.adapters.persistence.jwt;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.wxgate.domain.jwt.KeyId;
import dev.wxgate.domain.jwt.SessionJwtClaims;
import dev.wxgate.domain.jwt.SessionJwtSigner;
import dev.wxgate.domain.jwt.SigningKey;
import java.text.ParseException;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Adapter: session JWTs with Nimbus JOSE + JWT, beside the store of the keys it makes: ES256 keys on P-256 whose kid is their RFC 7638 thumbprint, compact
 * JWS with {@code typ: JWT}, and the JWKS of the public halves. Signers are kept per kid, since a key never changes.
 */
public final class NimbusSessionJwtSigner implements SessionJwtSigner {
    private final Map<KeyId, JWSSigner> signers = new ConcurrentHashMap<>();

    @Override
    public SigningKey newKey(long generation, Instant now) {
        try {
            ECKey key = new ECKeyGenerator(Curve.P_256)
                    .keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.ES256)
                    .keyIDFromThumbprint(true)
                    .generate();
            return new SigningKey(
                    new KeyId(key.getKeyID()), generation, key.toPublicJWK().toJSONString(), key.toJSONString(), now);
        } catch (JOSEException impossible) {
            throw new IllegalStateException("could not generate a P-256 key", impossible);
        }
    }

    @Override
    public String sign(SigningKey key, SessionJwtClaims claims) {
        JWTClaimsSet.Builder body = new JWTClaimsSet.Builder()
                .issuer(claims.issuer())
                .subject(claims.subject().toString())
                .issueTime(Date.from(claims.issuedAt()))
                .expirationTime(Date.from(claims.expiresAt()))
                .jwtID(claims.jwtId())
                .claim("sid", claims.sessionId().value())
                .claim("app_id", claims.appId().value())
                .claim("openid", claims.openId().value());
        if (!claims.audiences().isEmpty()) {
            body.audience(claims.audiences());
        }
        claims.unionId().ifPresent(unionId -> body.claim("unionid", unionId.value()));
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.ES256)
                .keyID(key.id().value())
                .type(JOSEObjectType.JWT)
                .build();
        SignedJWT jwt = new SignedJWT(header, body.build());
        try {
            jwt.sign(signers.computeIfAbsent(key.id(), kid -> signerOf(key)));
        } catch (JOSEException failed) {
            throw new IllegalStateException("could not sign a session JWT with key " + key.id(), failed);
        }
        return jwt.serialize();
    }

    /** The public halves only, each with kid, {@code use: sig}, {@code alg: ES256}. */
    @Override
    public Map<String, Object> jwks(List<SigningKey> keys) {
        List<JWK> published =
                keys.stream().map(key -> publicHalf(key.publicJwk(), key.id())).toList();
        // toJSONObject(true) publishes public parameters only, whatever the stored JWK held.
        return new JWKSet(published).toJSONObject(true);
    }

    private static JWK publicHalf(String publicJwk, KeyId id) {
        try {
            return JWK.parse(publicJwk).toPublicJWK();
        } catch (ParseException unreadable) {
            throw new IllegalStateException("the public half of signing key " + id + " is not a JWK");
        }
    }

    private static JWSSigner signerOf(SigningKey key) {
        try {
            return new ECDSASigner(ECKey.parse(key.privateJwk()));
        } catch (ParseException | JOSEException unreadable) {
            // Never the cause: its message could quote the key.
            throw new IllegalStateException("the private half of signing key " + key.id() + " is not an EC JWK");
        }
    }
}
