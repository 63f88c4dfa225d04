package dev.wxgate.domain.session;

import dev.wxgate.domain.Require;
import java.time.Duration;

/**
 * How long sessions live and how many a user may hold.
 *
 * @param idleTimeout a session unused this long expires; each use slides its expiry (default 30 min)
 * @param absoluteLifetime no session outlives this, however busy (default 7 days)
 * @param maxSessionsPerUser live sessions a user may hold; a new login evicts the oldest beyond it (default 10)
 * @param refreshGrace how long a token replaced by a refresh keeps working, for requests already in flight (default
 *     30 s)
 */
public record SessionPolicy(
        Duration idleTimeout, Duration absoluteLifetime, int maxSessionsPerUser, Duration refreshGrace) {

    public static final SessionPolicy DEFAULTS =
            new SessionPolicy(Duration.ofMinutes(30), Duration.ofDays(7), 10, Duration.ofSeconds(30));

    public SessionPolicy {
        Require.present(idleTimeout, "idleTimeout");
        Require.present(absoluteLifetime, "absoluteLifetime");
        Require.present(refreshGrace, "refreshGrace");
        if (idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw new IllegalArgumentException("idleTimeout must be positive");
        }
        if (absoluteLifetime.compareTo(idleTimeout) < 0) {
            throw new IllegalArgumentException("absoluteLifetime must not be shorter than idleTimeout");
        }
        if (maxSessionsPerUser < 1) {
            throw new IllegalArgumentException("maxSessionsPerUser must be at least 1");
        }
        if (refreshGrace.isNegative() || refreshGrace.compareTo(idleTimeout) > 0) {
            throw new IllegalArgumentException("refreshGrace must be 0 to idleTimeout");
        }
    }
}
