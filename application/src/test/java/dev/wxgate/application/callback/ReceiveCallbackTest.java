package dev.wxgate.application.callback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wxgate.domain.app.AppId;
import dev.wxgate.domain.app.AppSecret;
import dev.wxgate.domain.app.AppType;
import dev.wxgate.domain.app.CallbackSettings;
import dev.wxgate.domain.app.TokenMode;
import dev.wxgate.domain.app.WechatApp;
import dev.wxgate.domain.app.WechatApps;
import dev.wxgate.domain.callback.CallbackDeduplication;
import dev.wxgate.domain.callback.CallbackFormat;
import dev.wxgate.domain.callback.CallbackLog;
import dev.wxgate.domain.callback.CallbackRejectedException;
import dev.wxgate.domain.callback.CallbackSignature;
import dev.wxgate.domain.callback.InboundMessage;
import dev.wxgate.domain.callback.MessageFormat;
import dev.wxgate.domain.callback.MessageHandler;
import dev.wxgate.domain.callback.MessageRoute;
import dev.wxgate.domain.callback.PassiveReply;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ReceiveCallbackTest {
    private static final AppId APP = AppId.of("wx0123456789abcdef");
    private static final String TOKEN = "token123";
    private static final Instant NOW = Instant.parse("2026-05-01T00:00:00Z");

    private final List<CallbackLog.Entry> log = new ArrayList<>();
    private final List<Runnable> queued = new ArrayList<>();
    private final AtomicInteger backgroundRuns = new AtomicInteger();
    private boolean executorFull;

    private final Executor executor = task -> {
        if (executorFull) {
            throw new RejectedExecutionException("full");
        }
        queued.add(task);
    };

    private final MessageHandler slow = new MessageHandler() {
        @Override
        public MessageRoute route() {
            return MessageRoute.event("subscribe");
        }

        @Override
        public boolean runsInBackground() {
            return true;
        }

        @Override
        public Optional<PassiveReply> handle(InboundMessage message) {
            backgroundRuns.incrementAndGet();
            return Optional.empty();
        }
    };

    private final MessageHandler broken = new MessageHandler() {
        @Override
        public MessageRoute route() {
            return MessageRoute.msgType("text");
        }

        @Override
        public Optional<PassiveReply> handle(InboundMessage message) {
            throw new IllegalStateException("bug");
        }
    };

    private final ReceiveCallback receive = new ReceiveCallback(
            new WechatApps(List.of(new WechatApp(
                    APP,
                    AppSecret.of("0123456789abcdef0123456789abcdef"),
                    AppType.MINI_PROGRAM,
                    TokenMode.STABLE,
                    Optional.of(new CallbackSettings(TOKEN, Optional.empty()))))),
            new FieldsFormat(),
            new SetDeduplication(),
            new ListLog(),
            List.of(slow, broken, new EchoTextReply("> ")),
            executor,
            new CallbackPolicy(Duration.ofMinutes(5), Duration.ofMinutes(15)),
            Clock.fixed(NOW, ZoneOffset.UTC),
            new SecureRandom());

    @Test
    void slowWorkRunsAfterTheAnswerOnTheExecutor() {
        ReceiveCallback.Answer answer = receive.receive(command("1", "MsgType=event;Event=subscribe;FromUserName=o1"));

        assertThat(answer).isEqualTo(ReceiveCallback.Answer.SUCCESS);
        assertThat(backgroundRuns).hasValue(0);
        assertThat(queued).hasSize(1);
        queued.getFirst().run();
        assertThat(backgroundRuns).hasValue(1);
        assertThat(log).extracting(CallbackLog.Entry::outcome).containsExactly(CallbackLog.Outcome.HANDLED);
    }

    @Test
    void aFullExecutorStillAnswersSuccessAndRecordsTheDrop() {
        executorFull = true;

        ReceiveCallback.Answer answer = receive.receive(command("2", "MsgType=event;Event=subscribe;FromUserName=o2"));

        assertThat(answer).isEqualTo(ReceiveCallback.Answer.SUCCESS);
        assertThat(backgroundRuns).hasValue(0);
        assertThat(log).extracting(CallbackLog.Entry::outcome).containsExactly(CallbackLog.Outcome.DROPPED);
    }

    @Test
    void aFailingHandlerDoesNotStopTheNextFromReplying() {
        ReceiveCallback.Answer answer =
                receive.receive(command("3", "MsgType=text;MsgId=77;Content=hi;FromUserName=o3"));

        assertThat(answer.format()).contains(MessageFormat.XML);
        assertThat(answer.body()).contains("Content=> hi", "ToUserName=o3", "MsgType=text");
    }

    @Test
    void aRejectionIsRecordedAndThrown() {
        ReceiveCallback.Command forged = new ReceiveCallback.Command(
                APP, "0".repeat(40), "1777593600", "4", null, null, "MsgType=text".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> receive.receive(forged)).isInstanceOf(CallbackRejectedException.class);
        assertThat(log).singleElement().satisfies(entry -> {
            assertThat(entry.outcome()).isEqualTo(CallbackLog.Outcome.REJECTED);
            assertThat(entry.reason()).contains(CallbackRejectedException.Reason.BAD_SIGNATURE);
        });
    }

    @Test
    void anEncryptedCallbackForAnAppWithoutAKeyIsRefused() {
        String timestamp = Long.toString(NOW.getEpochSecond());
        String sealed = "abc";
        ReceiveCallback.Command command = new ReceiveCallback.Command(
                APP,
                null,
                timestamp,
                "5",
                "aes",
                CallbackSignature.of(TOKEN, timestamp, "5", sealed),
                ("Encrypt=" + sealed).getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> receive.receive(command))
                .isInstanceOf(CallbackRejectedException.class)
                .extracting(failure -> ((CallbackRejectedException) failure).reason())
                .isEqualTo(CallbackRejectedException.Reason.NOT_ENCRYPTED);
    }

    private ReceiveCallback.Command command(String nonce, String fields) {
        String timestamp = Long.toString(NOW.getEpochSecond());
        String body = "ToUserName=gh_1;CreateTime=" + timestamp + ";" + fields;
        return new ReceiveCallback.Command(
                APP,
                CallbackSignature.of(TOKEN, timestamp, nonce),
                timestamp,
                nonce,
                null,
                null,
                body.getBytes(StandardCharsets.UTF_8));
    }

    /** A format of "key=value;key=value", so the use case is tested without any parser. */
    private static final class FieldsFormat implements CallbackFormat {
        @Override
        public Parsed parse(byte[] body) {
            Map<String, String> fields = new LinkedHashMap<>();
            for (String pair : new String(body, StandardCharsets.UTF_8).split(";")) {
                String[] kv = pair.split("=", 2);
                if (kv.length == 2) {
                    fields.put(kv[0], kv[1]);
                }
            }
            return new Parsed(MessageFormat.XML, fields);
        }

        @Override
        public String write(MessageFormat format, Map<String, Object> fields) {
            StringBuilder out = new StringBuilder();
            fields.forEach((k, v) -> out.append(k).append('=').append(v).append(';'));
            return out.toString();
        }
    }

    private static final class SetDeduplication implements CallbackDeduplication {
        private final Set<String> seen = new HashSet<>();

        @Override
        public boolean firstSeen(AppId app, Kind kind, String id, Duration keep) {
            return seen.add(app + kind.name() + id);
        }

        @Override
        public boolean seen(AppId app, Kind kind, String id) {
            return seen.contains(app + kind.name() + id);
        }

        private final Map<String, String> replies = new HashMap<>();

        @Override
        public void rememberReply(AppId app, String delivery, String plainReply, Duration keep) {
            replies.put(app + delivery, plainReply);
        }

        @Override
        public Optional<String> replyTo(AppId app, String delivery) {
            return Optional.ofNullable(replies.get(app + delivery));
        }
    }

    private final class ListLog implements CallbackLog {
        @Override
        public void record(Entry entry) {
            log.add(entry);
        }

        @Override
        public List<Entry> recent(int limit) {
            return log.reversed().stream().limit(limit).toList();
        }
    }
}
