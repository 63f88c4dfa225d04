package dev.wxgate.domain.token;

import dev.wxgate.domain.Secrets;
import java.time.Duration;
import java.time.Instant;

/**
 * What WeChat issues for a limited time and wxgate refreshes once cluster-wide: an access_token, and later a JS-SDK
 * ticket or an Open Platform token. Its value is a secret: {@link #masked()} is what logs and messages show.
 */
public interface Credential {

    String value();

    Instant fetchedAt();

    Instant expiresAt();

    /** Time left at {@code now}, never negative. */
    default Duration remainingAt(Instant now) {
        Duration left = Duration.between(now, expiresAt());
        return left.isNegative() ? Duration.ZERO : left;
    }

    /** How long WeChat said it lives. */
    default Duration lifetime() {
        return Duration.between(fetchedAt(), expiresAt());
    }

    default boolean sameValueAs(String other) {
        return value().equals(other);
    }

    default String masked() {
        return Secrets.mask(value());
    }
}
