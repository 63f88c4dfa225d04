package dev.wxgate.bootstrap;

import dev.wxgate.application.token.RefreshAheadOfExpiry;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Runs refresh-ahead every {@code wxgate.token.check-interval} on this node, from start-up to shutdown. Every node runs
 * one; the cluster lock and the double check make one of them refresh.
 */
final class RefreshAheadScheduler implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(RefreshAheadScheduler.class);

    private final RefreshAheadOfExpiry refreshAhead;
    private final Duration interval;
    private volatile ScheduledExecutorService timer;

    RefreshAheadScheduler(RefreshAheadOfExpiry refreshAhead, Duration interval) {
        if (interval.isZero() || interval.isNegative()) {
            throw new IllegalStateException("wxgate.token.check-interval must be positive");
        }
        this.refreshAhead = refreshAhead;
        this.interval = interval;
    }

    @Override
    public synchronized void start() {
        if (timer != null) {
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("wxgate-token-refresh-ahead").daemon().factory());
        long millis = interval.toMillis();
        timer.scheduleWithFixedDelay(this::tick, millis, millis, TimeUnit.MILLISECONDS);
    }

    private void tick() {
        try {
            refreshAhead.refreshDue();
        } catch (RuntimeException unexpected) {
            // A throwing task would be cancelled for good: log and keep the schedule.
            log.error("refresh-ahead failed unexpectedly", unexpected);
        }
    }

    @Override
    public synchronized void stop() {
        if (timer != null) {
            timer.shutdownNow();
            timer = null;
        }
    }

    @Override
    public boolean isRunning() {
        return timer != null;
    }
}
