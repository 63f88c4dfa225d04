package dev.wxgate.application.jwt;

import java.time.Duration;
import java.util.List;

/**
 * How session JWTs are issued and their keys rotated.
 *
 * @param issuer the {@code iss} of every JWT (a consumer's {@code issuer-uri} must equal it)
 * @param audiences the {@code aud} of every JWT; may be empty
 * @param lifetime how long a JWT lives at most (never past its session's own expiry)
 * @param rotation how long a key signs before a new one takes over
 */
public record JwtSettings(String issuer, List<String> audiences, Duration lifetime, Duration rotation) {
    /**
     * Beyond a JWT's lifetime, how much longer its retired key stays published: covers a node that signed with the
     * old key just as another rotated, and clocks of nodes and consumers a little apart.
     */
    public static final Duration MARGIN = Duration.ofMinutes(1);

    public JwtSettings {
        if (issuer == null || issuer.isBlank()) {
            throw new IllegalArgumentException("the JWT issuer is required");
        }
        audiences = List.copyOf(audiences);
        if (lifetime.isNegative() || lifetime.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("the JWT lifetime must be at least 1 s");
        }
        if (rotation.compareTo(lifetime) <= 0) {
            throw new IllegalArgumentException("the key rotation period must be longer than the JWT lifetime");
        }
    }

    /** How long a retired key keeps verifying: every token it signed has expired by then. */
    public Duration verificationWindow() {
        return lifetime.plus(MARGIN);
    }
}
