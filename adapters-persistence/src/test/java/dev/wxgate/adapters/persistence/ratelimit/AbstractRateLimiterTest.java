package dev.wxgate.adapters.persistence.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import dev.wxgate.domain.ratelimit.RateLimiter;
import dev.wxgate.domain.ratelimit.RateLimiter.RateLimit;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The contract of {@link RateLimiter}, run against every adapter. */
abstract class AbstractRateLimiterTest {
    /** Long enough that no permit comes back while a test runs, whatever the adapter's clock. */
    static final Duration HOUR = Duration.ofHours(1);

    abstract RateLimiter limiter();

    /** A period the adapter can see pass within a test. */
    abstract Duration shortPeriod();

    /** Returns once {@code key}'s whole window of {@code limit} has passed: the adapter's time moves on. */
    abstract void letPeriodPass(String key, RateLimit limit);

    final String key = "login:ip:203.0.113.7";
    final String otherKey = "login:app:wx0123456789abcdef";

    @Test
    void allowsThePermitsThenRefusesWithAPositiveRetryAfter() {
        RateLimit limit = new RateLimit(5, HOUR);

        for (int i = 0; i < 5; i++) {
            assertThat(limiter().tryAcquire(key, limit)).as("call %d", i + 1).isEmpty();
        }
        Optional<Duration> refused = limiter().tryAcquire(key, limit);

        assertThat(refused)
                .hasValueSatisfying(wait -> assertThat(wait).isPositive().isLessThanOrEqualTo(HOUR));
    }

    @Test
    void keepsRefusingWhileTheWindowLasts() {
        RateLimit limit = new RateLimit(2, HOUR);
        limiter().tryAcquire(key, limit);
        limiter().tryAcquire(key, limit);

        for (int i = 0; i < 10; i++) {
            assertThat(limiter().tryAcquire(key, limit)).isPresent();
        }
    }

    @Test
    void aSinglePermitIsOneCall() {
        RateLimit limit = new RateLimit(1, HOUR);

        assertThat(limiter().tryAcquire(key, limit)).isEmpty();
        assertThat(limiter().tryAcquire(key, limit)).isPresent();
    }

    @Test
    void keysAreIndependent() {
        RateLimit limit = new RateLimit(3, HOUR);
        for (int i = 0; i < 3; i++) {
            limiter().tryAcquire(key, limit);
        }
        assertThat(limiter().tryAcquire(key, limit)).isPresent();

        for (int i = 0; i < 3; i++) {
            assertThat(limiter().tryAcquire(otherKey, limit)).isEmpty();
        }
        assertThat(limiter().tryAcquire(otherKey, limit)).isPresent();
    }

    @Test
    void permitsComeBackOnceThePeriodHasPassed() {
        RateLimit limit = new RateLimit(3, shortPeriod());
        for (int i = 0; i < 3; i++) {
            assertThat(limiter().tryAcquire(key, limit)).isEmpty();
        }
        assertThat(limiter().tryAcquire(key, limit)).isPresent();

        letPeriodPass(key, limit);

        for (int i = 0; i < 3; i++) {
            assertThat(limiter().tryAcquire(key, limit))
                    .as("call %d after the period", i + 1)
                    .isEmpty();
        }
        assertThat(limiter().tryAcquire(key, limit)).isPresent();
    }

    @Test
    void aRaisedLimitCountsThePermitsAlreadyTaken() {
        RateLimit three = new RateLimit(3, HOUR);
        for (int i = 0; i < 3; i++) {
            limiter().tryAcquire(key, three);
        }
        assertThat(limiter().tryAcquire(key, three)).isPresent();

        RateLimit five = new RateLimit(5, HOUR);
        assertThat(limiter().tryAcquire(key, five)).isEmpty();
        assertThat(limiter().tryAcquire(key, five)).isEmpty();
        assertThat(limiter().tryAcquire(key, five)).isPresent();
    }

    @Test
    void aLoweredLimitTakesEffectAtOnce() {
        RateLimit five = new RateLimit(5, HOUR);
        for (int i = 0; i < 3; i++) {
            limiter().tryAcquire(key, five);
        }

        assertThat(limiter().tryAcquire(key, new RateLimit(2, HOUR))).isPresent();
    }

    @Test
    void concurrentCallersNeverExceedThePermits() throws Exception {
        RateLimit limit = new RateLimit(100, HOUR);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<List<Optional<Duration>>>> callers = new ArrayList<>();
        try (ExecutorService threads = Executors.newFixedThreadPool(50)) {
            for (int t = 0; t < 50; t++) {
                callers.add(threads.submit(() -> {
                    start.await();
                    List<Optional<Duration>> answers = new ArrayList<>();
                    for (int i = 0; i < 10; i++) {
                        answers.add(limiter().tryAcquire(key, limit));
                    }
                    return answers;
                }));
            }
            start.countDown();
            List<Optional<Duration>> answers = new ArrayList<>();
            for (Future<List<Optional<Duration>>> caller : callers) {
                answers.addAll(caller.get());
            }

            assertThat(answers.stream().filter(Optional::isEmpty)).hasSize(100);
            assertThat(answers.stream().filter(Optional::isPresent))
                    .hasSize(400)
                    .allSatisfy(refused -> assertThat(refused.orElseThrow()).isPositive());
        }
        assertThat(limiter().tryAcquire(key, limit)).isPresent();
    }

    @Test
    void aKeyIsRequired() {
        assertThatNullPointerException().isThrownBy(() -> limiter().tryAcquire(null, new RateLimit(1, HOUR)));
        assertThatNullPointerException().isThrownBy(() -> limiter().tryAcquire(key, null));
    }
}
