package dev.wxgate.application.callback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wxgate.domain.app.AppId;
import dev.wxgate.domain.app.AppSecret;
import dev.wxgate.domain.app.AppType;
import dev.wxgate.domain.app.CallbackMode;
import dev.wxgate.domain.app.CallbackSettings;
import dev.wxgate.domain.app.TokenMode;
import dev.wxgate.domain.app.WechatApp;
import dev.wxgate.domain.app.WechatApps;
import dev.wxgate.domain.callback.CallbackLog;
import dev.wxgate.domain.callback.CallbackRejectedException;
import dev.wxgate.domain.callback.CallbackRejectedException.Reason;
import dev.wxgate.domain.callback.CallbackSignature;
import dev.wxgate.domain.callback.EncryptType;
import dev.wxgate.domain.callback.InboundMessage;
import dev.wxgate.domain.callback.MessageFormat;
import dev.wxgate.domain.callback.MessageHandler;
import dev.wxgate.domain.callback.MessageRoute;
import dev.wxgate.domain.callback.PassiveReply;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ReceiveCallbackTest {
    private static final AppId APP = AppId.of("wx0123456789abcdef");
    private static final AppId SAFE_APP = AppId.of("wx1111111111111111");
    private static final AppId COMPATIBLE_APP = AppId.of("wx2222222222222222");
    private static final AppId PLAINTEXT_APP_WITH_KEY = AppId.of("wx3333333333333333");
    private static final String TOKEN = "token123";
    private static final String AES_KEY = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";
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
            new WechatApps(List.of(
                    app(APP, new CallbackSettings(TOKEN, Optional.empty())),
                    app(SAFE_APP, new CallbackSettings(TOKEN, Optional.of(AES_KEY), CallbackMode.SAFE)),
                    app(COMPATIBLE_APP, new CallbackSettings(TOKEN, Optional.of(AES_KEY))),
                    app(
                            PLAINTEXT_APP_WITH_KEY,
                            new CallbackSettings(TOKEN, Optional.of(AES_KEY), CallbackMode.PLAINTEXT)))),
            new FieldsWire(),
            new SetDeduplication(),
            new ListLog(),
            List.of(slow, broken, new EchoTextReply("> ")),
            executor,
            new CallbackPolicy(Duration.ofMinutes(5), Duration.ofMinutes(15)),
            Clock.fixed(NOW, ZoneOffset.UTC));

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
        CallbackPush forged = CallbackPush.of(
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
        CallbackPush command = CallbackPush.of(
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

    @Test
    void aSafeModeAppRefusesAPlaintextPushSignedBySignatureOnly() {
        CallbackPush plaintext = command(SAFE_APP, "10", "MsgType=text;MsgId=10;Content=downgrade");

        assertRefused(plaintext, Reason.ENCRYPTION_REQUIRED);
        assertThat(log).singleElement().satisfies(entry -> {
            assertThat(entry.outcome()).isEqualTo(CallbackLog.Outcome.REJECTED);
            assertThat(entry.reason()).contains(Reason.ENCRYPTION_REQUIRED);
        });
        ReceiveCallback.Answer sealed =
                receive.receive(sealed(SAFE_APP, "11", "MsgType=text;MsgId=11;Content=sealed", null));
        assertThat(opened(SAFE_APP, sealed)).contains("Content=> sealed");
    }

    @Test
    void anEncryptTypeOtherThanAesIsRefusedInEveryModeNeverReadAsPlaintext() {
        int nonce = 20;
        for (AppId app : List.of(APP, SAFE_APP, COMPATIBLE_APP, PLAINTEXT_APP_WITH_KEY)) {
            for (String encryptType : List.of("none", "AES", "RAW", "", "aes ")) {
                CallbackPush signedPlaintext = command(app, Integer.toString(++nonce), "MsgType=text");
                assertRefused(withEncryptType(signedPlaintext, encryptType), Reason.UNSUPPORTED_ENCRYPT_TYPE);
            }
        }
        assertThat(log).hasSize(20).allSatisfy(entry -> assertThat(entry.reason())
                .contains(Reason.UNSUPPORTED_ENCRYPT_TYPE));
    }

    @Test
    void rawIsWechatsNameForPlaintextAcceptedWherePlaintextIsAndRefusedBySafeApps() {
        CallbackPush raw = withEncryptType(
                command(COMPATIBLE_APP, "40", "MsgType=text;MsgId=40;Content=r;FromUserName=o40"), "raw");
        assertThat(receive.receive(raw).body()).contains("Content=> r");

        assertRefused(
                withEncryptType(command(SAFE_APP, "41", "MsgType=text;MsgId=41;Content=downgrade"), "raw"),
                Reason.ENCRYPTION_REQUIRED);
    }

    @Test
    void aPlaintextModeAppRefusesAnEncryptedPushEvenWithAKey() {
        assertRefused(sealed(PLAINTEXT_APP_WITH_KEY, "30", "MsgType=text;MsgId=30", null), Reason.NOT_ENCRYPTED);
        assertThat(receive.receive(command(
                                PLAINTEXT_APP_WITH_KEY, "31", "MsgType=text;MsgId=31;Content=p;FromUserName=o31"))
                        .body())
                .contains("Content=> p");
    }

    @Test
    void aCompatibleModeAppTakesPlaintextAndEncryptedPushes() {
        assertThat(receive.receive(
                                command(COMPATIBLE_APP, "40", "MsgType=text;MsgId=40;Content=plain;FromUserName=o40"))
                        .body())
                .contains("Content=> plain");
        assertThat(opened(
                        COMPATIBLE_APP,
                        receive.receive(sealed(COMPATIBLE_APP, "41", "MsgType=text;MsgId=41;Content=sealed", null))))
                .contains("Content=> sealed");
        assertThat(log)
                .extracting(CallbackLog.Entry::outcome)
                .containsExactly(CallbackLog.Outcome.HANDLED, CallbackLog.Outcome.HANDLED);
    }

    @Test
    void everyFailureAfterMsgSignatureIsAnsweredUndecryptableAndRecordedPrecisely() {
        ToyCrypto otherApp = new ToyCrypto(AES_KEY, APP.value());
        Map<Reason, String> tampered = new LinkedHashMap<>();
        tampered.put(Reason.BAD_BASE64, "not*base64");
        tampered.put(Reason.BAD_PADDING, java.util.Base64.getEncoder().encodeToString(new byte[48]));
        tampered.put(Reason.WRONG_APP, otherApp.encrypt(fields(SAFE_APP, "MsgType=text;MsgId=50")));
        tampered.put(Reason.MALFORMED, new ToyCrypto(AES_KEY, SAFE_APP.value()).encrypt("ToUserName=gh_1"));
        int nonce = 50;
        for (Map.Entry<Reason, String> each : tampered.entrySet()) {
            CallbackPush command = sealed(SAFE_APP, Integer.toString(++nonce), null, each.getValue());
            assertThatThrownBy(() -> receive.receive(command))
                    .isInstanceOfSatisfying(CallbackRejectedException.class, rejected -> {
                        assertThat(rejected.answer()).isEqualTo(Reason.UNDECRYPTABLE);
                        assertThat(rejected.getMessage()).isEqualTo(Reason.UNDECRYPTABLE.text());
                        assertThat(rejected.reason()).isEqualTo(each.getKey());
                    });
        }
        assertThat(log).extracting(entry -> entry.reason().orElseThrow()).containsExactlyElementsOf(tampered.keySet());
    }

    private void assertRefused(CallbackPush command, Reason reason) {
        assertThatThrownBy(() -> receive.receive(command))
                .isInstanceOfSatisfying(CallbackRejectedException.class, rejected -> {
                    assertThat(rejected.reason()).isEqualTo(reason);
                    assertThat(rejected.answer()).isEqualTo(reason);
                });
    }

    private static CallbackPush withEncryptType(CallbackPush command, String encryptType) {
        return new CallbackPush(command.appId(), command.signed(), EncryptType.of(encryptType), command.body());
    }

    /** A safe-mode push: {@code fields} sealed for {@code app}, or {@code encrypt} as given; signed. */
    private static CallbackPush sealed(AppId app, String nonce, String fields, String encrypt) {
        String timestamp = Long.toString(NOW.getEpochSecond());
        String sealed = encrypt != null ? encrypt : new ToyCrypto(AES_KEY, app.value()).encrypt(fields(app, fields));
        return CallbackPush.of(
                app,
                CallbackSignature.of(TOKEN, timestamp, nonce),
                timestamp,
                nonce,
                "aes",
                CallbackSignature.of(TOKEN, timestamp, nonce, sealed),
                ("ToUserName=gh_1;Encrypt=" + sealed).getBytes(StandardCharsets.UTF_8));
    }

    /** The plain reply inside an encrypted answer. */
    private static String opened(AppId app, ReceiveCallback.Answer answer) {
        String encrypt = new FieldsWire()
                .read(answer.body().getBytes(StandardCharsets.UTF_8))
                .fields()
                .get("Encrypt");
        return new ToyCrypto(AES_KEY, app.value()).decrypt(encrypt);
    }

    private static String fields(AppId app, String fields) {
        return "ToUserName=gh_1;FromUserName=o" + app.value() + ";CreateTime=" + NOW.getEpochSecond() + ";" + fields;
    }

    private static WechatApp app(AppId appId, CallbackSettings callback) {
        return new WechatApp(
                appId,
                AppSecret.of("0123456789abcdef0123456789abcdef"),
                AppType.MINI_PROGRAM,
                TokenMode.STABLE,
                Optional.of(callback));
    }

    private CallbackPush command(String nonce, String fields) {
        return command(APP, nonce, fields);
    }

    private CallbackPush command(AppId app, String nonce, String fields) {
        String timestamp = Long.toString(NOW.getEpochSecond());
        String body = "ToUserName=gh_1;CreateTime=" + timestamp + ";" + fields;
        return CallbackPush.of(
                app,
                CallbackSignature.of(TOKEN, timestamp, nonce),
                timestamp,
                nonce,
                null,
                null,
                body.getBytes(StandardCharsets.UTF_8));
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
