package dev.wxgate.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wxgate.domain.StoreUnavailableException;
import dev.wxgate.domain.app.AppId;
import dev.wxgate.domain.callback.MessageFormat;
import dev.wxgate.domain.delivery.Claim;
import dev.wxgate.domain.delivery.DeliveryId;
import dev.wxgate.domain.delivery.OutboxDepth;
import dev.wxgate.domain.delivery.PushOutbox;
import dev.wxgate.domain.delivery.Sink;
import dev.wxgate.domain.delivery.StoredPush;
import dev.wxgate.testfixtures.MutableClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class DeliveryMetricsTest {
    private static final AppId APP = AppId.of("wx0123456789abcdef");
    private static final Instant NOW = Instant.parse("2026-05-01T00:00:00Z");

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final MutableClock clock = new MutableClock(NOW);
    private final AtomicInteger depthReads = new AtomicInteger();
    private volatile boolean outboxDown;

    /** An outbox whose only method used here is depth(): 3 pending, 1 dead, or unavailable. */
    private final PushOutbox outbox = (PushOutbox) Proxy.newProxyInstance(
            PushOutbox.class.getClassLoader(), new Class<?>[] {PushOutbox.class}, (proxy, method, args) -> {
                if (!method.getName().equals("depth")) {
                    throw new UnsupportedOperationException(method.getName());
                }
                depthReads.incrementAndGet();
                if (outboxDown) {
                    throw new StoreUnavailableException("down (test)", null);
                }
                return new OutboxDepth(3, 1);
            });

    private final DeliveryMetrics metrics = new DeliveryMetrics(registry, outbox, clock);

    private static Claim claim(Sink sink, int attempt) {
        StoredPush push = new StoredPush(
                DeliveryId.random(), APP, "msg:1", "text", Optional.empty(), MessageFormat.XML, "<xml/>", "{}", NOW);
        return new Claim(push, sink, attempt, "node-a", NOW.plusSeconds(60));
    }

    @Test
    void countsPurgedPushes() {
        metrics.purged(500);
        metrics.purged(7);

        assertThat(registry.get("wxgate.pushes.purged").counter().count()).isEqualTo(507);
    }

    @Test
    void countsByAppAndSinkAndTimesTheLatency() {
        metrics.received(APP);
        metrics.stored(claim(Sink.WEBHOOK, 1).push(), Set.of(Sink.WEBHOOK, Sink.RABBITMQ));
        metrics.retried(claim(Sink.WEBHOOK, 1));
        metrics.delivered(claim(Sink.WEBHOOK, 2), Duration.ofMillis(1500));
        metrics.dead(claim(Sink.RABBITMQ, 9));

        assertThat(registry.get("wxgate.pushes.received")
                        .tag("app", APP.value())
                        .counter()
                        .count())
                .isEqualTo(1);
        assertThat(registry.get("wxgate.pushes.stored").counters()).hasSize(2);
        assertThat(registry.get("wxgate.pushes.retried")
                        .tag("sink", "webhook")
                        .counter()
                        .count())
                .isEqualTo(1);
        assertThat(registry.get("wxgate.pushes.delivered")
                        .tag("sink", "webhook")
                        .counter()
                        .count())
                .isEqualTo(1);
        assertThat(registry.get("wxgate.pushes.dead")
                        .tag("sink", "rabbitmq")
                        .counter()
                        .count())
                .isEqualTo(1);
        var latency = registry.get("wxgate.pushes.delivery.latency")
                .tag("app", APP.value())
                .tag("sink", "webhook")
                .timer();
        assertThat(latency.count()).isEqualTo(1);
        assertThat(latency.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(1500);
        assertThat(registry.get("wxgate.pushes.delivery.attempts")
                        .tag("sink", "webhook")
                        .summary()
                        .totalAmount())
                .isEqualTo(2);
    }

    @Test
    void theOutboxDepthIsReadAtMostOnceEveryFewSeconds() {
        double pending = registry.get("wxgate.pushes.outbox.pending").gauge().value();
        double dead = registry.get("wxgate.pushes.outbox.dead").gauge().value();
        registry.get("wxgate.pushes.outbox.pending").gauge().value();

        assertThat(pending).isEqualTo(3);
        assertThat(dead).isEqualTo(1);
        assertThat(depthReads).hasValue(1);

        clock.advance(Duration.ofSeconds(DeliveryMetrics.DEPTH_CACHE_SECONDS));
        outboxDown = true;
        assertThat(registry.get("wxgate.pushes.outbox.pending").gauge().value())
                .as("unknown while the outbox is down, not zero")
                .isNaN();
        assertThat(depthReads).hasValue(2);
    }
}
