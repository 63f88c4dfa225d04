package dev.wxgate.bootstrap;

import dev.wxgate.application.token.RefreshAheadOfExpiry;
import java.time.Duration;

/**
 * Runs refresh-ahead every {@code wxgate.token.check-interval} on this node, from start-up to shutdown. Every node runs
 * one; the cluster lock and the double check make one of them refresh.
 */
final class RefreshAheadScheduler extends PeriodicTask {
    RefreshAheadScheduler(RefreshAheadOfExpiry refreshAhead, Duration interval) {
        super(
                "wxgate-token-refresh-ahead",
                "wxgate.token.check-interval",
                interval,
                interval,
                refreshAhead::refreshDue);
    }
}
