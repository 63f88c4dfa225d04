package dev.wxgate.bootstrap;

import dev.wxgate.application.token.RefreshAttempt;
import dev.wxgate.domain.StoreUnavailableException;
import dev.wxgate.domain.activity.ActivityHistory;
import dev.wxgate.domain.activity.Series;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds the activity history from this node's Micrometer meters, so that counting happens in one place: each sample adds
 * what a counter gained since the last one to the current bucket (every node adds its own share: cluster-wide in redis
 * mode), and raises a gauge's bucket to its present value. A meter that does not exist (yet) reads 0. What could not
 * be stored is not marked as added, so the next sample carries it: nothing is counted twice, nothing lost to an
 * outage.
 *
 * <p>Meters read: {@code wxgate.logins} (outcome=success), {@code wxgate.sessions.active} (a gauge),
 * {@code wxgate.token.refreshes} (outcomes in which WeChat issued a token; the failures: WeChat refused or was
 * unreachable, the lock wait timed out, a forced refresh was refused), {@code wxgate.pushes.received} and
 * {@code wxgate.pushes.delivered}; each summed over all its other tags (apps, sinks).
 */
public final class ActivitySampler {
    private static final Logger log = LoggerFactory.getLogger(ActivitySampler.class);

    /** Attempts in which WeChat issued a token (a lost race fetched one too, then dropped it for a newer one). */
    static final Set<String> REFRESHED =
            tags(RefreshAttempt.REFRESHED, RefreshAttempt.FORCED, RefreshAttempt.LOST_RACE);

    /**
     * Attempts that ended without a token for a reason an operator looks into. Backing off is left out: it is every
     * caller's answer while one failure is being waited out, and would count that failure again and again.
     */
    static final Set<String> FAILED = tags(RefreshAttempt.FAILED, RefreshAttempt.LOCK_TIMEOUT, RefreshAttempt.REFUSED);

    /** Where a series' figure comes from: a meter name, and which of its meters count. */
    record Source(Series series, String meter, Predicate<Meter.Id> counts) {}

    static final List<Source> SOURCES = List.of(
            new Source(Series.LOGINS, "wxgate.logins", id -> "success".equals(id.getTag("outcome"))),
            new Source(Series.ACTIVE_SESSIONS, "wxgate.sessions.active", id -> true),
            new Source(
                    Series.TOKEN_REFRESHES, "wxgate.token.refreshes", id -> REFRESHED.contains(id.getTag("outcome"))),
            new Source(
                    Series.TOKEN_REFRESH_FAILURES,
                    "wxgate.token.refreshes",
                    id -> FAILED.contains(id.getTag("outcome"))),
            new Source(Series.PUSHES_RECEIVED, "wxgate.pushes.received", id -> true),
            new Source(Series.PUSHES_DELIVERED, "wxgate.pushes.delivered", id -> true));

    private final MeterRegistry registry;
    private final ActivityHistory history;
    private final Clock clock;

    /** What each counter series has added to the history so far; this node's counters start at 0 with it. */
    private final Map<Series, Double> added = new EnumMap<>(Series.class);

    public ActivitySampler(MeterRegistry registry, ActivityHistory history, Clock clock) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.history = Objects.requireNonNull(history, "history");
        this.clock = Objects.requireNonNull(clock, "clock");
        for (Series series : Series.values()) {
            added.put(series, 0.0);
        }
    }

    /** Adds what was counted since the last sample to the current bucket; synchronized so no two samples overlap. */
    public synchronized void sample() {
        Instant bucket = ActivityHistory.bucketOf(clock.instant());
        StoreUnavailableException failed = null;
        for (Source source : SOURCES) {
            try {
                if (source.series().isGauge()) {
                    double value = read(source);
                    if (Double.isFinite(value) && value >= 0) {
                        history.raise(source.series(), bucket, Math.round(value));
                    }
                } else {
                    addDelta(source, bucket);
                }
            } catch (StoreUnavailableException unavailable) {
                failed = unavailable;
            }
        }
        if (failed != null) {
            // One line a minute while the store is down, not one per series.
            log.warn("Activity: could not record this minute ({}); the next sample tries again", failed.getMessage());
        }
    }

    private void addDelta(Source source, Instant bucket) {
        double now = read(source);
        double before = added.get(source.series());
        if (now < before) {
            // A meter went away (removed from the registry): count on from what is left.
            added.put(source.series(), now);
            return;
        }
        // Whole counts only; a fraction (a counter incremented by 0.5) waits for the rest.
        long delta = (long) Math.floor(now - before);
        if (delta > 0) {
            history.add(source.series(), bucket, delta);
            added.put(source.series(), before + delta);
        }
    }

    /** The sum of the source's meters: counters' counts, or gauges' values (NaN ones left out). */
    private double read(Source source) {
        double sum = 0;
        for (Meter meter : registry.find(source.meter()).meters()) {
            if (!source.counts().test(meter.getId())) {
                continue;
            }
            double value =
                    switch (meter) {
                        case Counter counter -> counter.count();
                        case FunctionCounter counter -> counter.count();
                        case Gauge gauge -> gauge.value();
                        default -> 0;
                    };
            if (Double.isFinite(value)) {
                sum += value;
            }
        }
        return sum;
    }

    private static Set<String> tags(RefreshAttempt... attempts) {
        return Arrays.stream(attempts).map(RefreshAttempt::tag).collect(Collectors.toUnmodifiableSet());
    }
}
