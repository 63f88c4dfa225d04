package dev.wxgate.domain.jwt;

import dev.wxgate.domain.Require;
import java.util.regex.Pattern;

/** A signing key's public id, the {@code kid} of the JWTs it signs and of its entry in the JWKS. */
public record KeyId(String value) {
    private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9_-]{8,64}");

    public KeyId {
        Require.matches(value, SHAPE, "kid", "8 to 64 base64url characters");
    }

    @Override
    public String toString() {
        return value;
    }
}
