package dev.wxgate.application.callback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wxgate.application.delivery.Backoff;
import dev.wxgate.application.delivery.DeliveryPolicy;
import dev.wxgate.application.delivery.FakeOutbox;
import dev.wxgate.application.delivery.FakeSink;
import dev.wxgate.application.delivery.RecordingEvents;
import dev.wxgate.application.delivery.TakePush;
import dev.wxgate.domain.StoreUnavailableException;
import dev.wxgate.domain.app.AppId;
import dev.wxgate.domain.app.AppSecret;
import dev.wxgate.domain.app.AppType;
import dev.wxgate.domain.app.CallbackSettings;
import dev.wxgate.domain.app.TokenMode;
import dev.wxgate.domain.app.WechatApp;
import dev.wxgate.domain.app.WechatApps;
import dev.wxgate.domain.callback.CallbackDeduplication.Kind;
import dev.wxgate.domain.callback.CallbackLog;
import dev.wxgate.domain.callback.CallbackSignature;
import dev.wxgate.domain.callback.MessageFormat;
import dev.wxgate.domain.callback.PassiveReply;
import dev.wxgate.domain.delivery.DeliveryState;
import dev.wxgate.domain.delivery.ForwardSettings;
import dev.wxgate.domain.delivery.Forwarding;
import dev.wxgate.domain.delivery.PushSink.Outcome;
import dev.wxgate.domain.delivery.Sink;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Receiving a push of an app that forwards its pushes: stored before it is answered, and the webhook's reply. */
class ReceiveCallbackForwardingTest {
    private static final AppId FORWARDING = AppId.of("wx0123456789abcdef");
    private static final AppId REPLYING = AppId.of("wx1111111111111111");
    private static final AppId PLAIN = AppId.of("wx2222222222222222");
    private static final AppId REPLYING_AND_RABBITMQ = AppId.of("wx3333333333333333");
    private static final String TOKEN = "token123";
    private static final Instant NOW = Instant.parse("2026-05-01T00:00:00Z");
    private static final Duration DEADLINE = Duration.ofSeconds(4);
    private static final ForwardSettings.Webhook WEBHOOK =
            new ForwardSettings.Webhook(URI.create("http://127.0.0.1:9/hook"), "0123456789abcdef-secret");

    private final SetDeduplication deduplication = new SetDeduplication();
    private final FakeOutbox outbox = new FakeOutbox();
    private final RecordingEvents events = new RecordingEvents();
    private final List<CallbackLog.Entry> log = new ArrayList<>();

    private ReceiveCallback receive(FakeSink webhook) {
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        Forwarding forwarding = new Forwarding(Map.of(
                FORWARDING, new ForwardSettings(Optional.of(WEBHOOK), true, Optional.empty()),
                REPLYING, new ForwardSettings(Optional.of(WEBHOOK), false, Optional.of(DEADLINE)),
                REPLYING_AND_RABBITMQ, new ForwardSettings(Optional.of(WEBHOOK), true, Optional.of(DEADLINE))));
        DeliveryPolicy policy = new DeliveryPolicy(
                "node-a",
                10,
                Duration.ofMinutes(1),
                Duration.ofSeconds(10),
                Duration.ofHours(24),
                new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(5), new SplittableRandom(7)));
        TakePush takePush = new TakePush(forwarding, new FieldsWire(), outbox, List.of(webhook), policy, events, clock);
        return new ReceiveCallback(
                new WechatApps(List.of(app(FORWARDING), app(REPLYING), app(PLAIN), app(REPLYING_AND_RABBITMQ))),
                new FieldsWire(),
                deduplication,
                new CallbackLog() {
                    @Override
                    public void record(Entry entry) {
                        log.add(entry);
                    }

                    @Override
                    public List<Entry> recent(int limit) {
                        return log;
                    }
                },
                List.of(new EchoTextReply("> ")),
                Runnable::run,
                Optional.of(takePush),
                new CallbackPolicy(Duration.ofMinutes(5), Duration.ofMinutes(15)),
                clock);
    }

    @Test
    void aForwardedPushIsStoredForEachSinkBeforeItIsAnswered() {
        ReceiveCallback receive = receive(new FakeSink(Sink.WEBHOOK));

        ReceiveCallback.Answer answer = receive.receive(push(FORWARDING, "1", "MsgType=event;Event=subscribe"));

        assertThat(answer).isEqualTo(ReceiveCallback.Answer.SUCCESS);
        assertThat(outbox.rows).extracting(row -> row.sink).containsExactlyInAnyOrder(Sink.WEBHOOK, Sink.RABBITMQ);
        FakeOutbox.Row row = outbox.row(Sink.WEBHOOK);
        assertThat(row.state).isEqualTo(DeliveryState.PENDING);
        assertThat(row.owner).as("due at once, for any node's worker").isNull();
        assertThat(row.due).isEqualTo(NOW);
        assertThat(row.push.deliveryKey()).isEqualTo("event:oSender:" + NOW.getEpochSecond());
        assertThat(row.push.msgType()).isEqualTo("event");
        assertThat(row.push.event()).contains("subscribe");
        assertThat(row.push.raw()).contains("MsgType=event;Event=subscribe");
        assertThat(row.push.messageJson()).contains("Event=subscribe");
        assertThat(row.push.receivedAt()).isEqualTo(NOW);
        assertThat(events.events).containsExactly("received " + FORWARDING, "stored [WEBHOOK, RABBITMQ]");
        assertThat(log).extracting(CallbackLog.Entry::outcome).containsExactly(CallbackLog.Outcome.HANDLED);
    }

    @Test
    void aPushThatCannotBeStoredIsNotTakenAndWechatsRetryIsTakenAnew() {
        ReceiveCallback receive = receive(new FakeSink(Sink.WEBHOOK));
        outbox.unavailable = true;

        assertThatThrownBy(() -> receive.receive(push(FORWARDING, "2", "MsgType=text;MsgId=20;Content=hi")))
                .isInstanceOf(StoreUnavailableException.class);

        assertThat(deduplication.seen(FORWARDING, Kind.DELIVERY, "msg:20"))
                .as("not counted as handled")
                .isFalse();
        assertThat(deduplication.seen(FORWARDING, Kind.NONCE, NOW.getEpochSecond() + ":2"))
                .as("WeChat's retry may reuse the nonce")
                .isFalse();
        assertThat(log).as("nothing acknowledged").isEmpty();
        assertThat(outbox.rows).isEmpty();

        outbox.unavailable = false;
        ReceiveCallback.Answer retry = receive.receive(push(FORWARDING, "2", "MsgType=text;MsgId=20;Content=hi"));

        assertThat(retry.body()).contains("Content=> hi");
        assertThat(outbox.rows).hasSize(2);
        assertThat(log).extracting(CallbackLog.Entry::outcome).containsExactly(CallbackLog.Outcome.HANDLED);
    }

    @Test
    void aPushStoredByAnEarlierTryWhoseEntryExpiredIsADuplicate() {
        receive(new FakeSink(Sink.WEBHOOK)).receive(push(FORWARDING, "3", "MsgType=event;Event=subscribe"));
        deduplication.forget(FORWARDING, Kind.DELIVERY, "event:oSender:" + NOW.getEpochSecond());

        ReceiveCallback.Answer again =
                receive(new FakeSink(Sink.WEBHOOK)).receive(push(FORWARDING, "4", "MsgType=event;Event=subscribe"));

        assertThat(again).isEqualTo(ReceiveCallback.Answer.SUCCESS);
        assertThat(outbox.rows).hasSize(2);
        assertThat(log)
                .extracting(CallbackLog.Entry::outcome)
                .containsExactly(CallbackLog.Outcome.HANDLED, CallbackLog.Outcome.DUPLICATE);
    }

    @Test
    void theWebhooksInlineReplyIsTheAnswerAndWinsOverAHandlersAndWechatsRetryGetsItToo() {
        FakeSink webhook =
                new FakeSink(Sink.WEBHOOK, new Outcome.Delivered(Optional.of(PassiveReply.text("from the webhook"))));
        ReceiveCallback receive = receive(webhook);

        ReceiveCallback.Answer answer = receive.receive(push(REPLYING, "5", "MsgType=text;MsgId=50;Content=hi"));
        ReceiveCallback.Answer retry = receive.receive(push(REPLYING, "6", "MsgType=text;MsgId=50;Content=hi"));

        assertThat(answer.format()).contains(MessageFormat.XML);
        assertThat(answer.body())
                .contains("Content=from the webhook", "ToUserName=oSender")
                .doesNotContain("> hi");
        assertThat(retry.body()).contains("Content=from the webhook");
        assertThat(webhook.attempts).as("one attempt, inline").containsExactly(1);
        assertThat(webhook.timeouts).containsExactly(DEADLINE);
        FakeOutbox.Row row = outbox.row(Sink.WEBHOOK);
        assertThat(row.state).isEqualTo(DeliveryState.DELIVERED);
        assertThat(events.events).contains("delivered WEBHOOK 1 PT0S");
    }

    @Test
    void anInlineAttemptPastItsDeadlineIsRetriedLaterAndWechatGetsSuccess() {
        FakeSink webhook = new FakeSink(Sink.WEBHOOK, new Outcome.Failed("timeout"));
        ReceiveCallback receive = receive(webhook);

        ReceiveCallback.Answer answer = receive.receive(push(REPLYING, "7", "MsgType=event;Event=subscribe"));

        assertThat(answer).isEqualTo(ReceiveCallback.Answer.SUCCESS);
        FakeOutbox.Row row = outbox.row(Sink.WEBHOOK);
        assertThat(row.state).isEqualTo(DeliveryState.PENDING);
        assertThat(row.lastError).isEqualTo("timeout");
        assertThat(row.owner).as("the inline claim is released").isNotNull();
        assertThat(row.leaseUntil).isNull();
        assertThat(row.due).isBetween(NOW, NOW.plusSeconds(1));
        assertThat(events.events).contains("retried WEBHOOK 1");
    }

    @Test
    void onlyTheWebhookIsHeldForTheInlineAttemptOtherSinksAreDueAtOnce() {
        FakeSink webhook = new FakeSink(Sink.WEBHOOK, new Outcome.Failed("timeout"));
        ReceiveCallback receive = receive(webhook);

        receive.receive(push(REPLYING_AND_RABBITMQ, "10", "MsgType=text;MsgId=100;Content=hi"));

        FakeOutbox.Row rabbitmq = outbox.row(Sink.RABBITMQ);
        assertThat(rabbitmq.state).isEqualTo(DeliveryState.PENDING);
        assertThat(rabbitmq.owner).as("not held by the inline attempt").isNull();
        assertThat(rabbitmq.leaseUntil).isNull();
        assertThat(rabbitmq.attempts).isZero();
        assertThat(rabbitmq.due).isEqualTo(NOW);
        assertThat(outbox.claim("node-b", 10, Duration.ofMinutes(1), NOW))
                .as("any node's worker takes it at once")
                .extracting(claim -> claim.sink())
                .containsExactly(Sink.RABBITMQ);
        assertThat(webhook.attempts).containsExactly(1);
        assertThat(outbox.row(Sink.WEBHOOK).lastError).isEqualTo("timeout");
    }

    @Test
    void aWebhookWithoutAReplyLeavesTheHandlersReply() {
        ReceiveCallback receive = receive(new FakeSink(Sink.WEBHOOK, new Outcome.Delivered(Optional.empty())));

        ReceiveCallback.Answer answer = receive.receive(push(REPLYING, "8", "MsgType=text;MsgId=80;Content=hi"));

        assertThat(answer.body()).contains("Content=> hi");
        assertThat(outbox.row(Sink.WEBHOOK).state).isEqualTo(DeliveryState.DELIVERED);
    }

    @Test
    void anAppWithoutForwardSettingsStoresNothing() {
        FakeSink webhook = new FakeSink(Sink.WEBHOOK);

        ReceiveCallback.Answer answer = receive(webhook).receive(push(PLAIN, "9", "MsgType=text;MsgId=90;Content=hi"));

        assertThat(answer.body()).contains("Content=> hi");
        assertThat(outbox.rows).isEmpty();
        assertThat(webhook.attempts).isEmpty();
        assertThat(events.events).containsExactly("received " + PLAIN);
    }

    private static CallbackPush push(AppId app, String nonce, String fields) {
        String timestamp = Long.toString(NOW.getEpochSecond());
        String body = "ToUserName=gh_1;FromUserName=oSender;CreateTime=" + timestamp + ";" + fields;
        return CallbackPush.of(
                app,
                CallbackSignature.of(TOKEN, timestamp, nonce),
                timestamp,
                nonce,
                null,
                null,
                body.getBytes(StandardCharsets.UTF_8));
    }

    private static WechatApp app(AppId appId) {
        return new WechatApp(
                appId,
                AppSecret.of("0123456789abcdef0123456789abcdef"),
                AppType.MINI_PROGRAM,
                TokenMode.STABLE,
                Optional.of(new CallbackSettings(TOKEN, Optional.empty())));
    }
}
