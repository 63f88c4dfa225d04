package dev.wxgate.domain.jwt;

import java.time.Instant;

/** Secondary port: the JOSE library that makes signing keys and signs session JWTs with them. */
public interface SessionJwtSigner {

    /** A new key pair of generation {@code generation}, created {@code now}, with a fresh kid. */
    SigningKey newKey(long generation, Instant now);

    /** The compact JWS of {@code claims}, signed by {@code key} and naming it in its header. */
    String sign(SigningKey key, SessionJwtClaims claims);
}
