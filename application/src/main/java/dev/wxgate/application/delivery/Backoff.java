package dev.wxgate.application.delivery;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * How long a failed delivery waits before its next attempt: exponential backoff with full jitter, a uniformly random
 * wait between zero and {@code min(cap, base × 2^(attempt - 1))}, so that receivers coming back after an outage are
 * not met by every node's retries at once.
 */
public final class Backoff {
    private final Duration base;
    private final Duration cap;
    private final RandomGenerator random;

    /**
     * @param base the ceiling after the first failed attempt; doubles with each further one
     * @param cap the highest ceiling
     */
    public Backoff(Duration base, Duration cap, RandomGenerator random) {
        if (base == null || base.isNegative() || base.isZero()) {
            throw new IllegalArgumentException("backoff base must be positive");
        }
        if (cap == null || cap.compareTo(base) < 0) {
            throw new IllegalArgumentException("backoff cap must be at least the base");
        }
        this.base = base;
        this.cap = cap;
        this.random = Objects.requireNonNull(random, "random");
    }

    /** The highest wait after {@code failedAttempt} (from 1) failed: the jitter's upper bound. */
    public Duration ceiling(int failedAttempt) {
        if (failedAttempt < 1) {
            throw new IllegalArgumentException("failedAttempt must be at least 1");
        }
        // Past 2^40 × base every sane cap is exceeded; stopping there keeps the shift from overflowing.
        int doublings = Math.min(failedAttempt - 1, 40);
        long millis = base.toMillis();
        long ceiling = millis > (cap.toMillis() >> doublings) ? cap.toMillis() : millis << doublings;
        return Duration.ofMillis(Math.min(ceiling, cap.toMillis()));
    }

    /** The wait after {@code failedAttempt} (from 1) failed: uniformly random in {@code [0, ceiling]}. */
    public Duration after(int failedAttempt) {
        return Duration.ofMillis(random.nextLong(ceiling(failedAttempt).toMillis() + 1));
    }
}
