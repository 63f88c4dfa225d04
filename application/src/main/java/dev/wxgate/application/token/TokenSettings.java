package dev.wxgate.application.token;

import dev.wxgate.domain.Require;
import dev.wxgate.domain.token.RefreshSchedule;
import java.time.Duration;

/**
 * How the token server behaves, for every credential kind it refreshes.
 *
 * @param nodeId this node's name, stored with each token it fetches ("fetchedBy")
 * @param refreshMargin refresh this long before a token expires, but never before half its life has passed; zero
 *     refreshes only when the token is about to expire
 * @param lockWait how long a refresh waits for the cluster lock another node holds
 * @param maxWait how long a caller waits for a token when there is no valid one, before {@code token_unavailable}
 * @param failureBackoff pause after a failed refresh (WeChat busy or down), doubling up to a minute
 * @param credentialsBackoff pause after WeChat refused the app's credentials, IP or quota, doubling up to 15 minutes
 * @param dailyQuota calls WeChat allows per day for a credential kind without a quota of its own per key (the
 *     tickets; the access_token has {@code DailyQuotas}); a warning is logged at 80 %
 */
public record TokenSettings(
        String nodeId,
        Duration refreshMargin,
        Duration lockWait,
        Duration maxWait,
        Duration failureBackoff,
        Duration credentialsBackoff,
        long dailyQuota) {

    public TokenSettings {
        Require.present(nodeId, "nodeId");
        notNegative(refreshMargin, "refreshMargin");
        notNegative(lockWait, "lockWait");
        positive(maxWait, "maxWait");
        positive(failureBackoff, "failureBackoff");
        positive(credentialsBackoff, "credentialsBackoff");
        if (dailyQuota < 1) {
            throw new IllegalArgumentException("dailyQuota must be positive");
        }
    }

    /** When tokens are usable and due, by {@link #refreshMargin()}. */
    public RefreshSchedule schedule() {
        return new RefreshSchedule(refreshMargin);
    }

    /** Five minutes' margin, 10 s lock wait, 5 s caller wait, 1 s / 1 min back-off, WeChat's 2000 calls a day. */
    public static TokenSettings defaults(String nodeId) {
        return new TokenSettings(
                nodeId,
                Duration.ofMinutes(5),
                Duration.ofSeconds(10),
                Duration.ofSeconds(5),
                Duration.ofSeconds(1),
                Duration.ofMinutes(1),
                2000);
    }

    public TokenSettings withRefreshMargin(Duration margin) {
        return new TokenSettings(nodeId, margin, lockWait, maxWait, failureBackoff, credentialsBackoff, dailyQuota);
    }

    public TokenSettings withWaits(Duration lock, Duration caller) {
        return new TokenSettings(nodeId, refreshMargin, lock, caller, failureBackoff, credentialsBackoff, dailyQuota);
    }

    public TokenSettings withBackoffs(Duration failure, Duration credentials) {
        return new TokenSettings(nodeId, refreshMargin, lockWait, maxWait, failure, credentials, dailyQuota);
    }

    public TokenSettings withDailyQuota(long quota) {
        return new TokenSettings(nodeId, refreshMargin, lockWait, maxWait, failureBackoff, credentialsBackoff, quota);
    }

    private static void notNegative(Duration duration, String field) {
        if (duration == null || duration.isNegative()) {
            throw new IllegalArgumentException(field + " must be zero or positive");
        }
    }

    private static void positive(Duration duration, String field) {
        if (duration == null || duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(field + " must be positive");
        }
    }
}
