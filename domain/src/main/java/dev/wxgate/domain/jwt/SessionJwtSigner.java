package dev.wxgate.domain.jwt;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Secondary port: the JOSE library that makes signing keys, signs session JWTs with them and publishes them. */
public interface SessionJwtSigner {

    /** A new key pair of generation {@code generation}, created {@code now}, with a fresh kid. */
    SigningKey newKey(long generation, Instant now);

    /** The compact JWS of {@code claims}, signed by {@code key} and naming it in its header. */
    String sign(SigningKey key, SessionJwtClaims claims);

    /** The JWKS document (RFC 7517) of {@code keys}: their public halves only, as JSON members. */
    Map<String, Object> jwks(List<SigningKey> keys);
}
