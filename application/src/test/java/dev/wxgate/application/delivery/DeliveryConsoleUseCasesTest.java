package dev.wxgate.application.delivery;

import static dev.wxgate.testfixtures.delivery.ListedPushOutbox.delivery;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wxgate.application.RecordingAuditLog;
import dev.wxgate.domain.PageRequest;
import dev.wxgate.domain.app.AppId;
import dev.wxgate.domain.audit.AuditEvent;
import dev.wxgate.domain.audit.AuditKind;
import dev.wxgate.domain.audit.AuditOutcome;
import dev.wxgate.domain.delivery.Delivery;
import dev.wxgate.domain.delivery.DeliveryId;
import dev.wxgate.domain.delivery.DeliveryQuery;
import dev.wxgate.domain.delivery.DeliveryState;
import dev.wxgate.domain.delivery.OutboxDepth;
import dev.wxgate.domain.delivery.Sink;
import dev.wxgate.testfixtures.delivery.ListedPushOutbox;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The console's outbox use cases: listing deliveries with the outbox's depth, and audited replays. */
class DeliveryConsoleUseCasesTest {
    private static final Instant NOW = Instant.parse("2026-12-02T09:00:00Z");
    private static final AppId APP = ListedPushOutbox.APP;
    private static final AppId OTHER = AppId.of("wx0000000000000002");
    private static final DeliveryId DEAD = DeliveryId.of("00000000-0000-4000-8000-000000000001");
    private static final DeliveryId PENDING = DeliveryId.of("00000000-0000-4000-8000-000000000002");
    private static final DeliveryId DELIVERED = DeliveryId.of("00000000-0000-4000-8000-000000000003");
    private static final DeliveryId OTHER_DEAD = DeliveryId.of("00000000-0000-4000-8000-000000000004");

    private final ListedPushOutbox outbox = new ListedPushOutbox()
            .put(delivery(DEAD, DeliveryState.DEAD, 12))
            .put(delivery(PENDING, DeliveryState.PENDING, 2))
            .put(delivery(DELIVERED, DeliveryState.DELIVERED, 1))
            .put(ofOtherApp(delivery(OTHER_DEAD, DeliveryState.DEAD, 12)));
    private final RecordingAuditLog audit = new RecordingAuditLog();
    private final ReplayDeliveries replay = new ReplayDeliveries(outbox, audit, Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void aListingHoldsThePageAskedForAndTheDepthOfTheWholeOutbox() {
        ListDeliveries.Listing listing = new ListDeliveries(outbox)
                .list(new DeliveryQuery(Optional.of(DeliveryState.DEAD), Optional.of(APP), PageRequest.of(0, 20)));

        assertThat(listing.deliveries().items()).extracting(Delivery::id).containsExactly(DEAD);
        assertThat(listing.deliveries().total()).isEqualTo(1);
        assertThat(listing.depth()).isEqualTo(new OutboxDepth(1, 2));
    }

    @Test
    void replayingADeadDeliveryMakesItDueNowAndIsAudited() {
        int replayed = replay.replay(new ReplayRequest.One("alice", DEAD, Sink.WEBHOOK));

        assertThat(replayed).isEqualTo(1);
        Delivery again = outbox.find(DEAD, Sink.WEBHOOK).orElseThrow();
        assertThat(again.state()).isEqualTo(DeliveryState.PENDING);
        assertThat(again.nextAttemptAt()).contains(NOW);
        assertThat(audit.events).singleElement().satisfies(event -> {
            assertThat(event.kind()).isEqualTo(AuditKind.DELIVERY_REPLAYED);
            assertThat(event.actor()).isEqualTo("alice");
            assertThat(event.occurredAt()).isEqualTo(NOW);
            assertThat(event.outcome()).isEqualTo(AuditOutcome.SUCCESS);
            assertThat(event.subject()).contains("delivery " + DEAD + " to webhook");
            assertThat(event.appId())
                    .as("found in the outbox before the replay")
                    .contains(APP);
            assertThat(event.detail()).contains("1 delivery due again");
        });
    }

    @Test
    void aDeliveredOrUnknownDeliveryIsNotReplayedAndNothingIsAudited() {
        assertThat(replay.replay(new ReplayRequest.One("alice", DELIVERED, Sink.WEBHOOK)))
                .isZero();
        assertThat(replay.replay(new ReplayRequest.One("alice", DEAD, Sink.RABBITMQ)))
                .as("the push's webhook delivery is dead, it has no RabbitMQ delivery")
                .isZero();

        assertThat(outbox.find(DELIVERED, Sink.WEBHOOK).orElseThrow().state()).isEqualTo(DeliveryState.DELIVERED);
        assertThat(outbox.find(DEAD, Sink.WEBHOOK).orElseThrow().state()).isEqualTo(DeliveryState.DEAD);
        assertThat(audit.events).isEmpty();
    }

    @Test
    void theAuditOfASingleReplayNamesTheAppTheDeliveryBelongsTo() {
        assertThat(replay.replay(new ReplayRequest.One("alice", OTHER_DEAD, Sink.WEBHOOK)))
                .isEqualTo(1);

        assertThat(audit.events).singleElement().satisfies(event -> assertThat(event.appId())
                .contains(OTHER));
    }

    @Test
    void anUnknownDeliveryIsNeitherReplayedNorAudited() {
        DeliveryId unknown = DeliveryId.of("00000000-0000-4000-8000-0000000000ff");

        assertThat(replay.replay(new ReplayRequest.One("alice", unknown, Sink.WEBHOOK)))
                .isZero();

        assertThat(audit.events).isEmpty();
        assertThat(outbox.depth()).isEqualTo(new OutboxDepth(1, 2));
    }

    @Test
    void replayingTheDeadOfOneAppLeavesOtherAppsDeadAndAuditsTheAppAndCount() {
        int replayed = replay.replay(new ReplayRequest.AllDead("alice", Optional.of(APP)));

        assertThat(replayed).isEqualTo(1);
        assertThat(outbox.find(DEAD, Sink.WEBHOOK).orElseThrow().state()).isEqualTo(DeliveryState.PENDING);
        assertThat(outbox.find(OTHER_DEAD, Sink.WEBHOOK).orElseThrow().state()).isEqualTo(DeliveryState.DEAD);
        AuditEvent event = audit.events.getFirst();
        assertThat(event.kind()).isEqualTo(AuditKind.DELIVERY_REPLAYED);
        assertThat(event.appId()).contains(APP);
        assertThat(event.detail()).contains("1 delivery due again");
    }

    @Test
    void replayingEveryDeadDeliveryCountsThemAndIsAuditedEvenWhenNoneIsLeft() {
        assertThat(replay.replay(new ReplayRequest.AllDead("alice", Optional.empty())))
                .isEqualTo(2);
        assertThat(outbox.depth()).isEqualTo(new OutboxDepth(3, 0));
        assertThat(replay.replay(new ReplayRequest.AllDead("bob", Optional.empty())))
                .isZero();

        assertThat(audit.events).hasSize(2);
        assertThat(audit.events.get(0).appId()).isEmpty();
        assertThat(audit.events.get(0).detail()).contains("2 deliveries due again");
        assertThat(audit.events.get(1).actor()).isEqualTo("bob");
        assertThat(audit.events.get(1).detail()).contains("0 deliveries due again");
    }

    @Test
    void aRequestNamesItsOperator() {
        assertThatThrownBy(() -> new ReplayRequest.One(" ", DEAD, Sink.WEBHOOK))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("operator");
        assertThatThrownBy(() -> new ReplayRequest.AllDead("a".repeat(AuditEvent.MAX_ACTOR + 1), Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("operator");
    }

    private static Delivery ofOtherApp(Delivery delivery) {
        return new Delivery(
                delivery.id(),
                OTHER,
                delivery.sink(),
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
