package dev.wxgate.application.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wxgate.domain.StoreUnavailableException;
import dev.wxgate.domain.app.AppId;
import dev.wxgate.domain.callback.MessageFormat;
import dev.wxgate.domain.delivery.DeliveryId;
import dev.wxgate.domain.delivery.DeliveryState;
import dev.wxgate.domain.delivery.PushSink;
import dev.wxgate.domain.delivery.PushSink.Outcome;
import dev.wxgate.domain.delivery.Sink;
import dev.wxgate.domain.delivery.StoredPush;
import dev.wxgate.testfixtures.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class DeliverDuePushesTest {
    private static final AppId APP = AppId.of("wx0123456789abcdef");
    private static final Instant RECEIVED = Instant.parse("2026-05-01T00:00:00Z");
    private static final Duration LEASE = Duration.ofMinutes(1);
    private static final Duration MAX_AGE = Duration.ofHours(24);

    private final MutableClock clock = new MutableClock(RECEIVED);
    private final FakeOutbox outbox = new FakeOutbox();
    private final RecordingEvents events = new RecordingEvents();
    /** Always the jitter's top: each wait is the backoff's ceiling, so due times are known. */
    private final RandomGenerator highest = new RandomGenerator() {
        @Override
        public long nextLong() {
            throw new UnsupportedOperationException();
        }

        @Override
        public long nextLong(long bound) {
            return bound - 1;
        }
    };

    private DeliverDuePushes worker(String node, int batchSize, PushSink... sinks) {
        DeliveryPolicy policy = new DeliveryPolicy(
                node,
                batchSize,
                LEASE,
                Duration.ofSeconds(10),
                MAX_AGE,
                new Backoff(Duration.ofSeconds(1), Duration.ofHours(1), highest));
        return new DeliverDuePushes(outbox, List.of(sinks), policy, events, Runnable::run, clock);
    }

    private StoredPush store(String key, Sink... sinks) {
        StoredPush push = new StoredPush(
                DeliveryId.random(), APP, key, "text", Optional.empty(), MessageFormat.XML, "<xml/>", "{}", RECEIVED);
        outbox.store(push, Set.of(sinks), Optional.empty(), clock.instant());
        return push;
    }

    @Test
    void everyDueDeliveryGoesThroughTheSinkOfItsKind() {
        store("msg:1", Sink.WEBHOOK, Sink.RABBITMQ);
        FakeSink webhook = new FakeSink(Sink.WEBHOOK);
        FakeSink rabbit = new FakeSink(Sink.RABBITMQ);
        clock.advance(Duration.ofSeconds(2));

        int claimed = worker("node-a", 10, webhook, rabbit).deliverDue();

        assertThat(claimed).isEqualTo(2);
        assertThat(webhook.attempts).containsExactly(1);
        assertThat(rabbit.attempts).containsExactly(1);
        assertThat(webhook.timeouts).containsExactly(Duration.ofSeconds(10));
        assertThat(outbox.rows).extracting(row -> row.state).containsOnly(DeliveryState.DELIVERED);
        assertThat(events.events).containsExactlyInAnyOrder("delivered WEBHOOK 1 PT2S", "delivered RABBITMQ 1 PT2S");
    }

    @Test
    void aFailedAttemptIsDueAgainAfterTheBackoffWithTheSameIdAndTheNextAttempt() {
        StoredPush push = store("msg:2", Sink.WEBHOOK);
        FakeSink webhook = new FakeSink(Sink.WEBHOOK, new Outcome.Failed("http 500"), new Outcome.Failed("timeout"));
        DeliverDuePushes worker = worker("node-a", 10, webhook);

        worker.deliverDue();
        FakeOutbox.Row row = outbox.row(Sink.WEBHOOK);
        assertThat(row.state).isEqualTo(DeliveryState.PENDING);
        assertThat(row.lastError).isEqualTo("http 500");
        assertThat(row.due).isEqualTo(RECEIVED.plusSeconds(1));
        assertThat(worker.deliverDue()).as("not due before its backoff").isZero();

        clock.advance(Duration.ofSeconds(1));
        worker.deliverDue();
        assertThat(row.due).as("the ceiling doubles").isEqualTo(RECEIVED.plusSeconds(1 + 2));
        clock.advance(Duration.ofSeconds(2));
        worker.deliverDue();

        assertThat(row.state).isEqualTo(DeliveryState.DELIVERED);
        assertThat(webhook.attempts).containsExactly(1, 2, 3);
        assertThat(row.push.id()).isEqualTo(push.id());
        assertThat(events.events).containsExactly("retried WEBHOOK 1", "retried WEBHOOK 2", "delivered WEBHOOK 3 PT3S");
    }

    @Test
    void theLastAttemptIsMadeAtTheMaxAgeAndItsFailureIsDead() {
        store("msg:3", Sink.WEBHOOK);
        FakeSink webhook =
                new FakeSink(Sink.WEBHOOK, new Outcome.Failed("http 503"), new Outcome.Failed("connection refused"));
        clock.advance(MAX_AGE.minusMillis(500));
        DeliverDuePushes worker = worker("node-a", 10, webhook);

        worker.deliverDue();
        FakeOutbox.Row row = outbox.row(Sink.WEBHOOK);
        assertThat(row.due).as("the backoff would go past the max age").isEqualTo(RECEIVED.plus(MAX_AGE));

        clock.advance(Duration.ofMillis(500));
        worker.deliverDue();

        assertThat(row.state).isEqualTo(DeliveryState.DEAD);
        assertThat(row.lastError).isEqualTo("connection refused");
        assertThat(events.events).containsExactly("retried WEBHOOK 1", "dead WEBHOOK 2");
        clock.advance(Duration.ofDays(2));
        assertThat(worker.deliverDue()).as("a dead delivery is not claimed").isZero();
    }

    @Test
    void aReplayedDeliveryOfAnOldPushIsRetriedForAWholeMaxAgeFromTheReplay() {
        StoredPush push = store("msg:old", Sink.WEBHOOK);
        FakeSink webhook = new FakeSink(
                Sink.WEBHOOK,
                new Outcome.Failed("http 500"),
                new Outcome.Failed("http 502"),
                new Outcome.Failed("http 503"),
                new Outcome.Failed("http 504"));
        DeliverDuePushes worker = worker("node-a", 10, webhook);
        clock.advance(MAX_AGE);
        worker.deliverDue();
        FakeOutbox.Row row = outbox.row(Sink.WEBHOOK);
        assertThat(row.state).as("its one attempt came at the max age").isEqualTo(DeliveryState.DEAD);

        clock.advance(Duration.ofDays(3));
        Instant replayedAt = clock.instant();
        assertThat(outbox.replay(push.id(), Sink.WEBHOOK, replayedAt)).isTrue();
        worker.deliverDue();

        assertThat(row.state).as("the push is 4 days old, the replay is new").isEqualTo(DeliveryState.PENDING);
        assertThat(row.due).isEqualTo(replayedAt.plusSeconds(1));
        clock.advance(Duration.ofSeconds(1));
        worker.deliverDue();
        assertThat(row.state).isEqualTo(DeliveryState.PENDING);
        clock.advance(MAX_AGE);
        worker.deliverDue();
        assertThat(row.state)
                .as("dead once the replay is older than the max age")
                .isEqualTo(DeliveryState.DEAD);
        assertThat(webhook.attempts).containsExactly(1, 1, 2, 3);
        assertThat(events.events)
                .containsExactly("dead WEBHOOK 1", "retried WEBHOOK 1", "retried WEBHOOK 2", "dead WEBHOOK 3");
    }

    @Test
    void aLostClaimRecordsNothing() {
        store("msg:4", Sink.WEBHOOK);
        List<Integer> otherNodesAttempts = new ArrayList<>();
        PushSink slow = new PushSink() {
            @Override
            public Sink sink() {
                return Sink.WEBHOOK;
            }

            @Override
            public boolean takes(StoredPush push) {
                return true;
            }

            @Override
            public Outcome deliver(StoredPush push, int attempt, Duration timeout) {
                // The attempt outlasts the lease: another node claims the delivery meanwhile.
                clock.advance(LEASE.plusSeconds(1));
                outbox.claim("node-b", 10, LEASE, clock.instant())
                        .forEach(claim -> otherNodesAttempts.add(claim.attempt()));
                return new Outcome.Failed("timeout");
            }
        };

        worker("node-a", 10, slow).deliverDue();

        FakeOutbox.Row row = outbox.row(Sink.WEBHOOK);
        assertThat(otherNodesAttempts).containsExactly(2);
        assertThat(row.owner).isEqualTo("node-b");
        assertThat(row.lastError).as("node-a's outcome was not recorded").isNull();
        assertThat(events.events).isEmpty();
    }

    @Test
    void anAppWithoutTheSinkAnyMoreIsRetriedNotDropped() {
        store("msg:5", Sink.WEBHOOK);
        FakeSink webhook = new FakeSink(Sink.WEBHOOK);
        webhook.takes = false;

        worker("node-a", 10, webhook).deliverDue();

        FakeOutbox.Row row = outbox.row(Sink.WEBHOOK);
        assertThat(webhook.attempts).isEmpty();
        assertThat(row.state).isEqualTo(DeliveryState.PENDING);
        assertThat(row.lastError).isEqualTo("no webhook configured for " + APP);
    }

    @Test
    void aSinkThatThrowsIsAFailedAttempt() {
        store("msg:6", Sink.RABBITMQ);
        PushSink broken = new PushSink() {
            @Override
            public Sink sink() {
                return Sink.RABBITMQ;
            }

            @Override
            public boolean takes(StoredPush push) {
                return true;
            }

            @Override
            public Outcome deliver(StoredPush push, int attempt, Duration timeout) {
                throw new IllegalStateException("bug");
            }
        };

        worker("node-a", 10, broken).deliverDue();

        assertThat(outbox.row(Sink.RABBITMQ).lastError).isEqualTo("sink error IllegalStateException");
    }

    @Test
    void aBatchIsAtMostTheBatchSize() {
        for (int i = 0; i < 5; i++) {
            store("msg:b" + i, Sink.WEBHOOK);
        }
        DeliverDuePushes worker = worker("node-a", 3, new FakeSink(Sink.WEBHOOK));

        assertThat(worker.deliverDue()).isEqualTo(3);
        assertThat(worker.deliverDue()).isEqualTo(2);
        assertThat(worker.deliverDue()).isZero();
    }

    @Test
    void anOutboxThatIsDownClaimsNothing() {
        store("msg:7", Sink.WEBHOOK);
        outbox.unavailable = true;

        assertThatThrownBy(
                        () -> worker("node-a", 10, new FakeSink(Sink.WEBHOOK)).deliverDue())
                .isInstanceOf(StoreUnavailableException.class);
    }
}
