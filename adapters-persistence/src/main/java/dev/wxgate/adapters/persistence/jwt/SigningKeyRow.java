package dev.wxgate.adapters.persistence.jwt;

import java.time.LocalDateTime;

/** A row of jwt_signing_key, as read: the private half still sealed; times are UTC. */
record SigningKeyRow(Long generation, String kid, String publicJwk, String sealedPrivateJwk, LocalDateTime createdAt) {}
