package dev.wxgate.application.delivery;

import static dev.wxgate.testfixtures.delivery.ListedPushOutbox.delivery;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wxgate.domain.delivery.Delivery;
import dev.wxgate.domain.delivery.DeliveryId;
import dev.wxgate.domain.delivery.DeliveryState;
import dev.wxgate.domain.delivery.OutboxDepth;
import dev.wxgate.domain.delivery.Sink;
import dev.wxgate.testfixtures.MutableClock;
import dev.wxgate.testfixtures.delivery.ListedPushOutbox;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PurgeDeliveredPushesTest {
    private static final Duration RETENTION = Duration.ofDays(7);
    /** When {@link ListedPushOutbox#delivery} says a delivered one was delivered. */
    private static final Instant DELIVERED_AT = ListedPushOutbox.RECEIVED.plusSeconds(1);

    private final ListedPushOutbox outbox = new ListedPushOutbox();
    private final RecordingEvents events = new RecordingEvents();
    private final MutableClock clock = new MutableClock(DELIVERED_AT.plus(RETENTION));
    private final PurgeDeliveredPushes purge = new PurgeDeliveredPushes(outbox, RETENTION, 2, events, clock);

    private final List<DeliveryId> delivered = new ArrayList<>();
    private final DeliveryId halfDead = DeliveryId.random();

    PurgeDeliveredPushesTest() {
        for (int i = 0; i < 5; i++) {
            DeliveryId id = DeliveryId.random();
            delivered.add(id);
            outbox.put(delivery(id, DeliveryState.DELIVERED, 1));
        }
        outbox.put(delivery(DeliveryId.random(), DeliveryState.PENDING, 3));
        outbox.put(delivery(DeliveryId.random(), DeliveryState.DEAD, 12));
        outbox.put(delivery(halfDead, DeliveryState.DELIVERED, 1));
        outbox.put(toRabbitMq(delivery(halfDead, DeliveryState.DEAD, 12)));
    }

    @Test
    void nothingIsPurgedBeforeTheRetentionHasPassed() {
        assertThat(purge.purge()).isZero();

        assertThat(events.events).isEmpty();
        assertThat(outbox.find(delivered.getFirst(), Sink.WEBHOOK)).isPresent();
    }

    @Test
    void pushesDeliveredEverywhereBeforeTheRetentionArePurgedBatchAfterBatchAndCounted() {
        clock.advance(Duration.ofMillis(1));

        assertThat(purge.purge()).isEqualTo(5);

        assertThat(events.events).containsExactly("purged 2", "purged 2", "purged 1");
        assertThat(delivered)
                .allSatisfy(id -> assertThat(outbox.find(id, Sink.WEBHOOK)).isEmpty());
        assertThat(outbox.find(halfDead, Sink.WEBHOOK))
                .as("its RabbitMQ delivery is dead: the push is kept")
                .isPresent();
        assertThat(outbox.depth()).isEqualTo(new OutboxDepth(1, 2));
        assertThat(purge.purge()).isZero();
    }

    @Test
    void theRetentionAndBatchMustBePositive() {
        assertThatThrownBy(() -> new PurgeDeliveredPushes(outbox, Duration.ZERO, 2, events, clock))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("retention");
        assertThatThrownBy(() -> new PurgeDeliveredPushes(outbox, RETENTION, 0, events, clock))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("batch");
    }

    private static Delivery toRabbitMq(Delivery delivery) {
        return new Delivery(
                delivery.id(),
                delivery.appId(),
                Sink.RABBITMQ,
                delivery.msgType(),
                delivery.event(),
                delivery.state(),
                delivery.attempts(),
                delivery.receivedAt(),
                delivery.nextAttemptAt(),
                delivery.deliveredAt(),
                delivery.lastError());
    }
}
