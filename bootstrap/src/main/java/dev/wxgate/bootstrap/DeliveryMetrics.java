package dev.wxgate.bootstrap;

import dev.wxgate.application.delivery.DeliveryEvents;
import dev.wxgate.domain.StoreUnavailableException;
import dev.wxgate.domain.app.AppId;
import dev.wxgate.domain.delivery.Claim;
import dev.wxgate.domain.delivery.OutboxDepth;
import dev.wxgate.domain.delivery.PushOutbox;
import dev.wxgate.domain.delivery.Sink;
import dev.wxgate.domain.delivery.StoredPush;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Push delivery's metrics (Micrometer, so {@code /actuator/prometheus}):
 *
 * <ul>
 *   <li>{@code wxgate.pushes.received} (app): pushes seen for the first time;
 *   <li>{@code wxgate.pushes.stored}, {@code .delivered}, {@code .retried}, {@code .dead} (app, sink): deliveries
 *       stored, taken by their sink, failed and due again, given up;
 *   <li>{@code wxgate.pushes.delivery.latency} (app, sink): from receiving a push to its sink taking it, with p50, p95
 *       and p99 published;
 *   <li>{@code wxgate.pushes.delivery.attempts} (app, sink): the attempts a delivery took;
 *   <li>{@code wxgate.pushes.purged}: pushes delivered everywhere and removed from the outbox after the retention;
 *   <li>{@code wxgate.pushes.outbox.pending}, {@code .dead}: deliveries waiting and given up, cluster-wide (read from
 *       the outbox at most every {@value #DEPTH_CACHE_SECONDS} s, so scrapes do not load the database).
 * </ul>
 */
final class DeliveryMetrics implements DeliveryEvents {
    static final long DEPTH_CACHE_SECONDS = 5;

    private final MeterRegistry registry;
    private final PushOutbox outbox;
    private final Clock clock;
    private final Map<AppId, Counter> received = new ConcurrentHashMap<>();
    private final Map<AppSink, SinkMeters> bySink = new ConcurrentHashMap<>();
    private OutboxDepth depth;
    private Instant depthReadAt = Instant.MIN;

    DeliveryMetrics(MeterRegistry registry, PushOutbox outbox, Clock clock) {
        this.registry = registry;
        this.outbox = outbox;
        this.clock = clock;
        Gauge.builder("wxgate.pushes.outbox.pending", this, metrics -> metrics.depth(false))
                .description("deliveries waiting for an attempt, cluster-wide")
                .register(registry);
        Gauge.builder("wxgate.pushes.outbox.dead", this, metrics -> metrics.depth(true))
                .description("deliveries given up after the retry limit, cluster-wide")
                .register(registry);
    }

    /** NaN when the outbox cannot be read: a gap in the graph, not a false zero. */
    private synchronized double depth(boolean dead) {
        Instant now = clock.instant();
        if (depth == null || Duration.between(depthReadAt, now).toSeconds() >= DEPTH_CACHE_SECONDS) {
            try {
                depth = outbox.depth();
            } catch (StoreUnavailableException unavailable) {
                depth = null;
            }
            depthReadAt = now;
        }
        if (depth == null) {
            return Double.NaN;
        }
        return dead ? depth.dead() : depth.pending();
    }

    @Override
    public void received(AppId app) {
        received.computeIfAbsent(app, key -> registry.counter("wxgate.pushes.received", "app", key.value()))
                .increment();
    }

    @Override
    public void stored(StoredPush push, Set<Sink> sinks) {
        for (Sink sink : sinks) {
            meters(push, sink).stored.increment();
        }
    }

    @Override
    public void delivered(Claim claim, Duration latency) {
        SinkMeters meters = meters(claim.push(), claim.sink());
        meters.delivered.increment();
        meters.latency.record(latency.isNegative() ? Duration.ZERO : latency);
        meters.attempts.record(claim.attempt());
    }

    @Override
    public void retried(Claim claim) {
        meters(claim.push(), claim.sink()).retried.increment();
    }

    @Override
    public void dead(Claim claim) {
        meters(claim.push(), claim.sink()).dead.increment();
    }

    @Override
    public void purged(int pushes) {
        registry.counter("wxgate.pushes.purged").increment(pushes);
    }

    /** Looked up once per app and sink: a registry lookup per push (tags sorted and compared) shows in profiles. */
    private SinkMeters meters(StoredPush push, Sink sink) {
        return bySink.computeIfAbsent(new AppSink(push.appId(), sink), this::register);
    }

    private SinkMeters register(AppSink key) {
        Tags tags = Tags.of("app", key.app().value(), "sink", key.sink().name().toLowerCase(Locale.ROOT));
        return new SinkMeters(
                registry.counter("wxgate.pushes.stored", tags),
                registry.counter("wxgate.pushes.delivered", tags),
                registry.counter("wxgate.pushes.retried", tags),
                registry.counter("wxgate.pushes.dead", tags),
                Timer.builder("wxgate.pushes.delivery.latency")
                        .description("from receiving a push to its sink taking it")
                        .tags(tags)
                        .publishPercentiles(0.5, 0.95, 0.99)
                        .register(registry),
                DistributionSummary.builder("wxgate.pushes.delivery.attempts")
                        .description("attempts a delivery took")
                        .tags(tags)
                        .register(registry));
    }

    private record AppSink(AppId app, Sink sink) {}

    private record SinkMeters(
            Counter stored,
            Counter delivered,
            Counter retried,
            Counter dead,
            Timer latency,
            DistributionSummary attempts) {}
}
