package dev.wxgate.domain.jwt;

import dev.wxgate.domain.Require;
import java.time.Instant;

/**
 * A key that signs session JWTs: its id, its place in the sequence of keys (the newest generation signs), its key pair
 * as the signer encodes it (a JWK: the public half for the JWKS, the private half for signing only), and when it was
 * created. The private half stays on the server; {@code toString()} never shows it.
 */
public record SigningKey(KeyId id, long generation, String publicJwk, String privateJwk, Instant createdAt) {

    public SigningKey {
        Require.present(id, "kid");
        Require.present(publicJwk, "publicJwk");
        Require.present(privateJwk, "privateJwk");
        Require.present(createdAt, "createdAt");
        if (generation < 1) {
            throw new IllegalArgumentException("generation must be positive");
        }
    }

    @Override
    public String toString() {
        return "SigningKey[id=" + id + ", generation=" + generation + ", createdAt=" + createdAt + ", privateJwk=****]";
    }
}
