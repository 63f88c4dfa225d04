package dev.wxgate.application.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wxgate.domain.StoreUnavailableException;
import dev.wxgate.domain.app.AppId;
import dev.wxgate.domain.callback.CallbackWire;
import dev.wxgate.domain.callback.InboundMessage;
import dev.wxgate.domain.callback.MessageFormat;
import dev.wxgate.domain.callback.SecurityMode;
import dev.wxgate.domain.delivery.DeliveryState;
import dev.wxgate.domain.delivery.ForwardSettings;
import dev.wxgate.domain.delivery.Forwarding;
import dev.wxgate.domain.delivery.PushSink;
import dev.wxgate.domain.delivery.PushSink.Outcome;
import dev.wxgate.domain.delivery.Sink;
import dev.wxgate.testfixtures.MutableClock;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.junit.jupiter.api.Test;

/** A push this node stores is delivered in hand, under the lease it was stored with, without claiming it back. */
class DeliverHeldPushesTest {
    private static final AppId APP = AppId.of("wx0123456789abcdef");
    private static final Instant NOW = Instant.parse("2026-05-01T00:00:00Z");
    private static final Duration LEASE = Duration.ofMinutes(2);
    private static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(10);

    private final MutableClock clock = new MutableClock(NOW);
    private final FakeOutbox outbox = new FakeOutbox();
    private final RecordingEvents events = new RecordingEvents();
    private final FakeSink webhook = new FakeSink(Sink.WEBHOOK);
    private final FakeSink rabbitmq = new FakeSink(Sink.RABBITMQ);
    /** Attempts queued, run when the test says. */
    private final List<Runnable> queued = new ArrayList<>();

    private final DeliveryPolicy policy = new DeliveryPolicy(
            "node-a",
            10,
            LEASE,
            ATTEMPT_TIMEOUT,
            Duration.ofHours(24),
            new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(5), new SplittableRandom(7)));

    private TakePush takePush(int capacity, Executor attempts) {
        List<PushSink> sinks = List.of(webhook, rabbitmq);
        return takePush(sinks, new DeliverHeldPushes(outbox, sinks, policy, events, attempts, capacity, clock));
    }

    /** The app forwards to the webhook, and to RabbitMQ when {@code sinks} hold one. */
    private TakePush takePush(List<PushSink> sinks, DeliverHeldPushes inHand) {
        boolean rabbitmq = sinks.stream().anyMatch(sink -> sink.sink() == Sink.RABBITMQ);
        Forwarding forwarding = new Forwarding(Map.of(
                APP,
                new ForwardSettings(
                        Optional.of(new ForwardSettings.Webhook(
                                URI.create("http://127.0.0.1:9/hook"), "0123456789abcdef-secret")),
                        rabbitmq,
                        Optional.empty())));
        return new TakePush(forwarding, jsonWire(), outbox, sinks, policy, events, Optional.of(inHand), clock);
    }

    @Test
    void aStoredPushIsLeasedToThisNodeAndDeliveredToEachSinkWithoutAClaim() {
        TakePush take = takePush(10, queued::add);

        assertThat(take.take(message("1"), NOW).state()).isEqualTo(TakePush.State.STORED);

        assertThat(outbox.rows).allSatisfy(row -> {
            assertThat(row.owner)
                    .as("leased to this node: no other node claims it")
                    .isEqualTo("node-a");
            assertThat(row.leaseUntil).isEqualTo(NOW.plus(LEASE));
            assertThat(row.attempts).isEqualTo(1);
        });
        assertThat(events.due).as("no wake-up of the claiming worker").isEmpty();
        queued.forEach(Runnable::run);
        assertThat(outbox.rows).extracting(row -> row.state).containsOnly(DeliveryState.DELIVERED);
        assertThat(webhook.attempts).containsExactly(1);
        assertThat(rabbitmq.attempts).containsExactly(1);
        assertThat(outbox.claims).as("nothing claimed back from the outbox").isZero();
    }

    @Test
    void withoutRoomAPushIsStoredDueForAnyNodesWorker() {
        TakePush take = takePush(3, queued::add);

        take.take(message("1"), NOW); // two deliveries in hand
        take.take(message("2"), NOW); // one place left: not enough for two

        assertThat(outbox.rows.stream().filter(row -> row.push.deliveryKey().equals("msg:2")))
                .allSatisfy(row -> assertThat(row.owner).isNull());
        assertThat(events.due).containsExactly("msg:2");
        queued.forEach(Runnable::run);
        queued.clear();
        // Room given back once attempted.
        take.take(message("3"), NOW);
        assertThat(queued).hasSize(2);
    }

    @Test
    void aDeliveryThatCouldOutliveItsLeaseIsLeftToTheClaimers() {
        TakePush take = takePush(10, queued::add);
        take.take(message("1"), NOW);

        clock.advance(LEASE.minus(ATTEMPT_TIMEOUT));
        queued.forEach(Runnable::run);

        assertThat(webhook.attempts).isEmpty();
        assertThat(outbox.rows).extracting(row -> row.state).containsOnly(DeliveryState.PENDING);
        queued.clear();
        take.take(message("2"), NOW);
        assertThat(queued).as("its room was given back").hasSize(2);
    }

    @Test
    void aFailedAttemptInHandIsRetriedLikeAnyOther() {
        webhook.attempts.clear();
        FakeSink failing = new FakeSink(Sink.WEBHOOK, new Outcome.Failed("HTTP 500"));
        TakePush take = takePush(
                List.of(failing),
                new DeliverHeldPushes(outbox, List.of(failing), policy, events, Runnable::run, 10, clock));

        take.take(message("1"), NOW);

        FakeOutbox.Row row = outbox.row(Sink.WEBHOOK);
        assertThat(row.state).isEqualTo(DeliveryState.PENDING);
        assertThat(row.leaseUntil).as("its lease ended with the failure").isNull();
        assertThat(row.due).isAfter(NOW);
        assertThat(row.lastError).isEqualTo("HTTP 500");
    }

    @Test
    void anExecutorThatRefusesLeavesTheDeliveryToItsLeaseAndGivesTheRoomBack() {
        TakePush take = takePush(2, attempt -> {
            throw new RejectedExecutionException("stopping");
        });

        take.take(message("1"), NOW);
        take.take(message("2"), NOW);

        assertThat(outbox.rows).allSatisfy(row -> assertThat(row.owner).isEqualTo("node-a"));
        assertThat(outbox.rows).extracting(row -> row.state).containsOnly(DeliveryState.PENDING);
    }

    @Test
    void aStoppedNodeTakesNoMorePushesInHandAndSkipsThoseWaiting() {
        List<PushSink> sinks = List.of(webhook, rabbitmq);
        DeliverHeldPushes inHand = new DeliverHeldPushes(outbox, sinks, policy, events, queued::add, 10, clock);
        TakePush take = takePush(sinks, inHand);
        take.take(message("1"), NOW);

        inHand.stop();
        queued.forEach(Runnable::run);
        take.take(message("2"), NOW);

        assertThat(webhook.attempts)
                .as("the waiting attempt skipped: its lease passes it on")
                .isEmpty();
        assertThat(events.due).as("stored due for any node's worker").containsExactly("msg:2");
    }

    @Test
    void aPushThatCannotBeStoredGivesItsRoomBackAndIsNotTaken() {
        TakePush take = takePush(2, queued::add);
        outbox.unavailable = true;

        assertThatThrownBy(() -> take.take(message("1"), NOW)).isInstanceOf(StoreUnavailableException.class);

        outbox.unavailable = false;
        take.take(message("1"), NOW);
        assertThat(queued).hasSize(2);
    }

    @Test
    void aDuplicateGivesItsRoomBack() {
        TakePush take = takePush(2, queued::add);
        take.take(message("1"), NOW);
        queued.forEach(Runnable::run);
        queued.clear();

        assertThat(take.take(message("1"), NOW).state()).isEqualTo(TakePush.State.ALREADY_STORED);

        take.take(message("2"), NOW);
        assertThat(queued).hasSize(2);
    }

    private static InboundMessage message(String msgId) {
        return InboundMessage.from(
                APP,
                Map.of(
                        "ToUserName", "gh_1",
                        "FromUserName", "oSender",
                        "CreateTime", "1714521600",
                        "MsgType", "text",
                        "MsgId", msgId),
                MessageFormat.XML,
                SecurityMode.PLAINTEXT,
                "<xml/>");
    }

    /** Only messageJson is used on this path. */
    private static CallbackWire jsonWire() {
        return (CallbackWire) Proxy.newProxyInstance(
                CallbackWire.class.getClassLoader(), new Class<?>[] {CallbackWire.class}, (proxy, method, args) -> {
                    if (method.getName().equals("messageJson")) {
                        return "{}";
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}
