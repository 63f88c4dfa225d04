package dev.wxgate.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wxgate.adapters.persistence.activity.InMemoryActivityHistory;
import dev.wxgate.domain.StoreUnavailableException;
import dev.wxgate.domain.activity.ActivityBucket;
import dev.wxgate.domain.activity.ActivityHistory;
import dev.wxgate.domain.activity.Series;
import dev.wxgate.testfixtures.MutableClock;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The sampler turns this node's meters into the history's buckets: deltas for counters, the highest for a gauge. */
class ActivitySamplerTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-05-01T10:00:30Z"));
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final InMemoryActivityHistory history = new InMemoryActivityHistory(clock);
    private final ActivitySampler sampler = new ActivitySampler(registry, history, clock);

    @Test
    void counterDeltasLandInTheBucketOfTheSampleSummedOverTags() {
        registry.counter("wxgate.pushes.received", "app", "wx1").increment(3);
        registry.counter("wxgate.pushes.received", "app", "wx2").increment(2);
        registry.counter("wxgate.pushes.delivered", "app", "wx1", "sink", "http")
                .increment(4);
        sampler.sample();

        assertThat(day(Series.PUSHES_RECEIVED)).containsExactly(bucket("10:00", 5));
        assertThat(day(Series.PUSHES_DELIVERED)).containsExactly(bucket("10:00", 4));
        assertThat(day(Series.LOGINS)).as("a meter that does not exist reads 0").isEmpty();
    }

    @Test
    void twoSamplesNeverCountTheSameEventTwice() {
        Counter received = registry.counter("wxgate.pushes.received", "app", "wx1");
        received.increment(3);
        sampler.sample();
        sampler.sample();
        clock.advance(Duration.ofMinutes(1));
        received.increment(2);
        sampler.sample();
        clock.advance(Duration.ofMinutes(10));
        received.increment(1);
        sampler.sample();
        sampler.sample();

        assertThat(day(Series.PUSHES_RECEIVED)).containsExactly(bucket("10:00", 5), bucket("10:10", 1));
    }

    @Test
    void onlySuccessfulLoginsCount() {
        registry.counter("wxgate.logins", "outcome", "success", "app", "wx1").increment(4);
        registry.counter("wxgate.logins", "outcome", "invalid_code", "app", "wx1")
                .increment(7);
        sampler.sample();

        assertThat(day(Series.LOGINS)).containsExactly(bucket("10:00", 4));
    }

    @Test
    void refreshesAndFailuresAreTheirOutcomes() {
        for (String outcome : List.of("refreshed", "forced", "lost_race", "already_fresh")) {
            registry.counter("wxgate.token.refreshes", "app", "wx1", "outcome", outcome)
                    .increment();
        }
        for (String outcome : List.of("failed", "lock_timeout", "refused", "backing_off")) {
            registry.counter("wxgate.token.refreshes", "app", "wx2", "outcome", outcome)
                    .increment(2);
        }
        sampler.sample();

        assertThat(day(Series.TOKEN_REFRESHES)).containsExactly(bucket("10:00", 3));
        assertThat(day(Series.TOKEN_REFRESH_FAILURES)).containsExactly(bucket("10:00", 6));
    }

    @Test
    void theGaugeKeepsItsHighestValueInABucketNotASum() {
        AtomicLong active = registry.gauge("wxgate.sessions.active", new AtomicLong(7));
        sampler.sample();
        clock.advance(Duration.ofMinutes(1));
        active.set(12);
        sampler.sample();
        clock.advance(Duration.ofMinutes(1));
        active.set(3);
        sampler.sample();
        clock.advance(Duration.ofMinutes(10));
        sampler.sample();

        assertThat(day(Series.ACTIVE_SESSIONS)).containsExactly(bucket("10:00", 12), bucket("10:10", 3));
    }

    @Test
    void whatCouldNotBeStoredIsCarriedToTheNextSample() {
        AtomicBoolean down = new AtomicBoolean(true);
        ActivityHistory flaky = new ActivityHistory() {
            @Override
            public void add(Series series, Instant bucketStart, long count) {
                if (down.get()) {
                    throw new StoreUnavailableException("Redis could not add", null);
                }
                history.add(series, bucketStart, count);
            }

            @Override
            public void raise(Series series, Instant bucketStart, long value) {
                history.raise(series, bucketStart, value);
            }

            @Override
            public List<ActivityBucket> read(Series series, Instant from, Instant to) {
                return history.read(series, from, to);
            }
        };
        ActivitySampler sampling = new ActivitySampler(registry, flaky, clock);
        registry.counter("wxgate.pushes.received").increment(3);
        sampling.sample();
        down.set(false);
        registry.counter("wxgate.pushes.received").increment(1);
        sampling.sample();
        sampling.sample();

        assertThat(day(Series.PUSHES_RECEIVED)).containsExactly(bucket("10:00", 4));
    }

    @Test
    void stoppingTheNodeFlushesItsLastPartialMinute() {
        ActivitySampling sampling = new ActivitySampling(sampler, Duration.ofHours(1));
        sampling.start();
        registry.counter("wxgate.pushes.received").increment(2);

        sampling.stop();

        assertThat(day(Series.PUSHES_RECEIVED)).containsExactly(bucket("10:00", 2));
        assertThat(sampling.getPhase()).isLessThan(ActivitySampling.DEFAULT_PHASE - 2048);
    }

    private List<ActivityBucket> day(Series series) {
        return history.read(
                series,
                clock.instant().minus(Duration.ofDays(1)),
                clock.instant().plusSeconds(1));
    }

    private static ActivityBucket bucket(String time, long value) {
        return new ActivityBucket(Instant.parse("2026-05-01T" + time + ":00Z"), value);
    }
}
