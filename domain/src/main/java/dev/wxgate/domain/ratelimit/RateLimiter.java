package dev.wxgate.domain.ratelimit;

import java.time.Duration;
import java.util.Optional;

/** Secondary port: how many calls a key (a client IP, an app) may make; shared by the cluster in redis mode. */
public interface RateLimiter {

    /**
     * Takes one permit for {@code key}.
     *
     * @return empty when allowed; otherwise how long to wait before trying again
     */
    Optional<Duration> tryAcquire(String key, RateLimit limit);

    /**
     * So many calls per period.
     *
     * @param permits calls allowed per period
     * @param period the period
     */
    record RateLimit(int permits, Duration period) {
        public RateLimit {
            if (permits < 1) {
                throw new IllegalArgumentException("permits must be at least 1");
            }
            if (period == null || period.isNegative() || period.isZero()) {
                throw new IllegalArgumentException("period must be positive");
            }
        }
    }
}
