package dev.wxgate.adapters.persistence.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.wxgate.domain.ratelimit.RateLimiter;
import dev.wxgate.domain.ratelimit.RateLimiter.RateLimit;
import dev.wxgate.testfixtures.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class InMemoryRateLimiterTest extends AbstractRateLimiterTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-05-01T00:00:00Z"));
    private final InMemoryRateLimiter limiter = new InMemoryRateLimiter(clock);

    @Override
    RateLimiter limiter() {
        return limiter;
    }

    @Override
    Duration shortPeriod() {
        return Duration.ofMinutes(1);
    }

    @Override
    void letPeriodPass(String key, RateLimit limit) {
        clock.advance(limit.period());
    }

    @Test
    void aSpentBucketGivesBackOnePermitPerInterval() {
        RateLimit sixtyAMinute = new RateLimit(60, Duration.ofMinutes(1));
        for (int i = 0; i < 60; i++) {
            limiter.tryAcquire(key, sixtyAMinute);
        }

        assertThat(limiter.tryAcquire(key, sixtyAMinute)).contains(Duration.ofSeconds(1));
        clock.advance(Duration.ofMillis(999));
        assertThat(limiter.tryAcquire(key, sixtyAMinute)).contains(Duration.ofMillis(1));
        clock.advance(Duration.ofMillis(1));
        assertThat(limiter.tryAcquire(key, sixtyAMinute)).isEmpty();
        assertThat(limiter.tryAcquire(key, sixtyAMinute)).contains(Duration.ofSeconds(1));

        clock.advance(Duration.ofSeconds(5));
        for (int i = 0; i < 5; i++) {
            assertThat(limiter.tryAcquire(key, sixtyAMinute)).isEmpty();
        }
        assertThat(limiter.tryAcquire(key, sixtyAMinute)).isPresent();
    }

    @Test
    void retryAfterIsTheTimeUntilTheNextPermit() {
        RateLimit tenAnHour = new RateLimit(10, HOUR);
        for (int i = 0; i < 10; i++) {
            limiter.tryAcquire(key, tenAnHour);
        }

        assertThat(limiter.tryAcquire(key, tenAnHour)).contains(Duration.ofMinutes(6));
        clock.advance(Duration.ofMinutes(4));
        assertThat(limiter.tryAcquire(key, tenAnHour)).contains(Duration.ofMinutes(2));
    }

    @Test
    void aBucketNeverHoldsMoreThanItsPermits() {
        RateLimit three = new RateLimit(3, Duration.ofMinutes(1));
        limiter.tryAcquire(key, three);
        clock.advance(Duration.ofDays(30));

        for (int i = 0; i < 3; i++) {
            assertThat(limiter.tryAcquire(key, three)).isEmpty();
        }
        assertThat(limiter.tryAcquire(key, three)).isPresent();
    }

    @Test
    void aClockSteppingBackRefillsNothing() {
        RateLimit two = new RateLimit(2, Duration.ofMinutes(1));
        limiter.tryAcquire(key, two);
        limiter.tryAcquire(key, two);
        clock.advance(Duration.ofMinutes(-10));

        assertThat(limiter.tryAcquire(key, two)).isPresent();
        clock.advance(Duration.ofMinutes(10));
        assertThat(limiter.tryAcquire(key, two)).isPresent();
        clock.advance(Duration.ofMinutes(1));
        assertThat(limiter.tryAcquire(key, two)).isEmpty();
    }

    @Test
    void idleKeysAreForgotten() {
        RateLimit limit = new RateLimit(5, Duration.ofMinutes(1));
        for (int i = 0; i < 1000; i++) {
            limiter.tryAcquire("login:ip:10.0." + i / 250 + "." + i % 250, limit);
        }
        assertThat(limiter.trackedKeys()).isEqualTo(1000);

        clock.advance(Duration.ofMinutes(1));
        limiter.tryAcquire(key, limit);

        assertThat(limiter.trackedKeys()).isEqualTo(1);
    }

    @Test
    void keysStillCountingAreKept() {
        RateLimit limit = new RateLimit(5, HOUR);
        for (int i = 0; i < 100; i++) {
            limiter.tryAcquire("login:ip:10.0.0." + i, limit);
        }

        clock.advance(Duration.ofMinutes(1));
        limiter.tryAcquire(key, limit);

        assertThat(limiter.trackedKeys()).isEqualTo(101);
    }

    @Test
    void aForgottenKeyStartsAfresh() {
        RateLimit two = new RateLimit(2, Duration.ofMinutes(1));
        limiter.tryAcquire(key, two);
        limiter.tryAcquire(key, two);
        clock.advance(Duration.ofMinutes(2));
        limiter.tryAcquire(otherKey, two);
        assertThat(limiter.trackedKeys()).isEqualTo(1);

        assertThat(limiter.tryAcquire(key, two)).isEmpty();
        assertThat(limiter.tryAcquire(key, two)).isEmpty();
        assertThat(limiter.tryAcquire(key, two)).isPresent();
    }

    @Test
    void theNumberOfKeysIsCapped() {
        InMemoryRateLimiter capped = new InMemoryRateLimiter(clock, 100);
        RateLimit limit = new RateLimit(5, HOUR);

        for (int i = 0; i < 10_000; i++) {
            capped.tryAcquire("login:ip:flood-" + i, limit);
            assertThat(capped.trackedKeys()).isLessThanOrEqualTo(100);
        }
    }

    @Test
    void whenFullIdleKeysGoBeforeBusyOnes() {
        InMemoryRateLimiter capped = new InMemoryRateLimiter(clock, 100);
        RateLimit oneInTenSeconds = new RateLimit(1, Duration.ofSeconds(10));
        for (int i = 0; i < 50; i++) {
            capped.tryAcquire("login:ip:idle-" + i, oneInTenSeconds);
        }
        // Idle now, but the periodic sweep (every 30 s) has not come yet: only a full map makes room.
        clock.advance(Duration.ofSeconds(20));
        RateLimit oneAnHour = new RateLimit(1, HOUR);
        for (int i = 0; i < 50; i++) {
            capped.tryAcquire("login:ip:busy-" + i, oneAnHour);
        }
        assertThat(capped.trackedKeys()).isEqualTo(100);

        capped.tryAcquire(key, oneAnHour);

        assertThat(capped.trackedKeys()).isEqualTo(51);
        for (int i = 0; i < 50; i++) {
            assertThat(capped.tryAcquire("login:ip:busy-" + i, oneAnHour)).isPresent();
        }
    }

    @Test
    void underAFloodOfKeysARecentlyUsedKeyKeepsItsState() {
        InMemoryRateLimiter capped = new InMemoryRateLimiter(clock, 100);
        RateLimit two = new RateLimit(2, HOUR);
        capped.tryAcquire(key, two);
        capped.tryAcquire(key, two);

        for (int i = 0; i < 1000; i++) {
            clock.advance(Duration.ofNanos(1));
            capped.tryAcquire("login:ip:flood-" + i, two);
            if (i % 10 == 0) {
                clock.advance(Duration.ofNanos(1));
                assertThat(capped.tryAcquire(key, two))
                        .as("after %d flooding keys", i + 1)
                        .isPresent();
            }
        }
    }

    @Test
    void concurrentCallersOnManyKeysStayWithinTheCap() throws Exception {
        InMemoryRateLimiter capped = new InMemoryRateLimiter(clock, 1000);
        RateLimit limit = new RateLimit(3, HOUR);
        try (ExecutorService threads = Executors.newFixedThreadPool(8)) {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                done.add(threads.submit(() -> {
                    for (int i = 0; i < 5000; i++) {
                        capped.tryAcquire("login:ip:" + thread + "-" + i, limit);
                    }
                }));
            }
            for (Future<?> future : done) {
                future.get();
            }
        }
        // Sweepers never block callers, so the cap may be passed by at most one new key per concurrent caller.
        assertThat(capped.trackedKeys()).isLessThanOrEqualTo(1000 + 8);
    }

    @Test
    void periodsBeyondAYearAreRefused() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> limiter.tryAcquire(key, new RateLimit(1, Duration.ofDays(366))));
    }

    @Test
    void maxKeysMustBePositive() {
        assertThatIllegalArgumentException().isThrownBy(() -> new InMemoryRateLimiter(clock, 0));
    }
}
