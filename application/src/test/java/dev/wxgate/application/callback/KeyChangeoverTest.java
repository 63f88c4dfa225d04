package dev.wxgate.application.callback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wxgate.domain.app.AppId;
import dev.wxgate.domain.app.AppSecret;
import dev.wxgate.domain.app.AppType;
import dev.wxgate.domain.app.CallbackMode;
import dev.wxgate.domain.app.CallbackSettings;
import dev.wxgate.domain.app.PreviousAesKey;
import dev.wxgate.domain.app.TokenMode;
import dev.wxgate.domain.app.WechatApp;
import dev.wxgate.domain.app.WechatApps;
import dev.wxgate.domain.callback.CallbackLog;
import dev.wxgate.domain.callback.CallbackRejectedException;
import dev.wxgate.domain.callback.CallbackRejectedException.Reason;
import dev.wxgate.domain.callback.CallbackSignature;
import dev.wxgate.domain.callback.CallbackWire;
import dev.wxgate.domain.callback.InboundMessage;
import dev.wxgate.domain.callback.PassiveReply;
import dev.wxgate.domain.callback.PushEnvelope;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The EncodingAESKey changeover: a push sealed with either key is taken while both are, answered under its own. */
class KeyChangeoverTest {
    private static final AppId APP = AppId.of("wx4444444444444444");
    private static final String TOKEN = "token123";
    private static final String NEW_KEY = "N".repeat(43);
    private static final String OLD_KEY = "O".repeat(43);
    private static final String OTHER_KEY = "X".repeat(43);
    private static final Instant NOW = Instant.parse("2026-05-01T00:00:00Z");
    private static final Instant UNTIL = NOW.plus(Duration.ofHours(1));

    private final SetDeduplication deduplication = new SetDeduplication();

    @Test
    void aPushSealedWithTheCurrentKeyIsTakenAndAnsweredUnderIt() {
        ReceiveCallback.Answer answer = receiveAt(NOW, Optional.of(UNTIL)).receive(push(NEW_KEY, "1"));

        assertThat(keyOf(answer)).isEqualTo(NEW_KEY);
    }

    @Test
    void aPushSealedWithThePreviousKeyIsTakenDuringTheChangeoverAndAnsweredUnderThePreviousKey() {
        ReceiveCallback.Answer answer = receiveAt(NOW, Optional.of(UNTIL)).receive(push(OLD_KEY, "1"));

        assertThat(keyOf(answer)).isEqualTo(OLD_KEY);
        assertThat(opened(answer)).contains("Content=> hi");
    }

    @Test
    void wechatsRetryUnderThePreviousKeyGetsTheRememberedReplySealedUnderThatKeyAgain() {
        ReceiveCallback receive = receiveAt(NOW, Optional.of(UNTIL));
        receive.receive(push(OLD_KEY, "1"));

        ReceiveCallback.Answer retry = receive.receive(push(OLD_KEY, "2"));

        assertThat(keyOf(retry)).isEqualTo(OLD_KEY);
        assertThat(opened(retry)).contains("Content=> hi");
    }

    @Test
    void thePreviousKeyWithoutAnEndIsTakenAsLongAsItIsConfigured() {
        ReceiveCallback.Answer answer =
                receiveAt(NOW.plus(Duration.ofDays(400)), Optional.empty()).receive(push(OLD_KEY, "1"));

        assertThat(keyOf(answer)).isEqualTo(OLD_KEY);
    }

    @Test
    void pastItsEndAPushSealedWithThePreviousKeyIsRefusedAsRetiredKeyPrecisely() {
        assertThatThrownBy(() -> receiveAt(UNTIL, Optional.of(UNTIL)).receive(push(OLD_KEY, "1")))
                .isInstanceOfSatisfying(CallbackRejectedException.class, rejected -> {
                    assertThat(rejected.reason()).isEqualTo(Reason.RETIRED_KEY);
                    assertThat(rejected.answer()).isEqualTo(Reason.RETIRED_KEY);
                });
    }

    @Test
    void pastItsEndTheCurrentKeyIsStillTaken() {
        ReceiveCallback.Answer answer = receiveAt(UNTIL, Optional.of(UNTIL)).receive(push(NEW_KEY, "1"));

        assertThat(keyOf(answer)).isEqualTo(NEW_KEY);
    }

    @Test
    void aPushSealedWithNeitherKeyIsAnsweredUndecryptableWithTheCurrentKeysFailureRecorded() {
        assertThatThrownBy(() -> receiveAt(NOW, Optional.of(UNTIL)).receive(push(OTHER_KEY, "1")))
                .isInstanceOfSatisfying(CallbackRejectedException.class, rejected -> {
                    assertThat(rejected.reason()).isEqualTo(Reason.BAD_PADDING);
                    assertThat(rejected.answer()).isEqualTo(Reason.UNDECRYPTABLE);
                });
    }

    @Test
    void withoutAChangeoverOnlyTheCurrentKeyIsTried() {
        CallbackSettings settings = new CallbackSettings(TOKEN, Optional.of(NEW_KEY), CallbackMode.SAFE);

        assertThat(settings.encodingAesKeys()).containsExactly(NEW_KEY);
        assertThat(settings.takes(OLD_KEY, NOW)).isFalse();
    }

    private ReceiveCallback receiveAt(Instant now, Optional<Instant> until) {
        CallbackSettings settings = new CallbackSettings(
                TOKEN, Optional.of(NEW_KEY), CallbackMode.SAFE, Optional.of(new PreviousAesKey(OLD_KEY, until)));
        return new ReceiveCallback(
                new WechatApps(List.of(new WechatApp(
                        APP,
                        AppSecret.of("0123456789abcdef0123456789abcdef"),
                        AppType.OFFICIAL_ACCOUNT,
                        TokenMode.STABLE,
                        Optional.of(settings)))),
                new KeyedWire(),
                deduplication,
                new CallbackLog() {
                    @Override
                    public void record(Entry entry) {}

                    @Override
                    public List<Entry> recent(int limit) {
                        return List.of();
                    }
                },
                List.of(new EchoTextReply("> ")),
                Runnable::run,
                new CallbackPolicy(Duration.ofDays(1000), Duration.ofMinutes(15)),
                Clock.fixed(now, ZoneOffset.UTC));
    }

    /** A safe-mode text message with MsgId 7, sealed with {@code key}, in a request of its own nonce. */
    private static CallbackPush push(String key, String nonce) {
        String timestamp = Long.toString(NOW.getEpochSecond());
        String message = "ToUserName=gh_1;FromUserName=o1;CreateTime=" + timestamp + ";MsgType=text;Content=hi;MsgId=7";
        String sealed = key + "!" + new ToyCrypto(key, APP.value()).encrypt(message);
        return CallbackPush.of(
                APP,
                CallbackSignature.of(TOKEN, timestamp, nonce),
                timestamp,
                nonce,
                "aes",
                CallbackSignature.of(TOKEN, timestamp, nonce, sealed),
                ("ToUserName=gh_1;Encrypt=" + sealed).getBytes(StandardCharsets.UTF_8));
    }

    /** The key an encrypted answer was sealed with. */
    private static String keyOf(ReceiveCallback.Answer answer) {
        String encrypt = new FieldsWire()
                .read(answer.body().getBytes(StandardCharsets.UTF_8))
                .fields()
                .get("Encrypt");
        return encrypt.substring(0, encrypt.indexOf('!'));
    }

    /** The plain reply inside an encrypted answer. */
    private static String opened(ReceiveCallback.Answer answer) {
        String encrypt = new FieldsWire()
                .read(answer.body().getBytes(StandardCharsets.UTF_8))
                .fields()
                .get("Encrypt");
        return new ToyCrypto(keyOf(answer), APP.value()).decrypt(encrypt.substring(encrypt.indexOf('!') + 1));
    }

    /** {@link FieldsWire} whose ciphertexts name their key: opening with another key fails, as bad padding would. */
    private static final class KeyedWire implements CallbackWire {
        private final FieldsWire fields = new FieldsWire();

        @Override
        public PushEnvelope read(byte[] body) {
            return fields.read(body);
        }

        @Override
        public InboundMessage open(AppId appId, String encodingAesKey, PushEnvelope envelope) {
            String sealed = envelope.encrypt().orElseThrow();
            if (!sealed.startsWith(encodingAesKey + "!")) {
                throw new CallbackRejectedException(Reason.BAD_PADDING);
            }
            Map<String, String> opened = new HashMap<>(envelope.fields());
            opened.put("Encrypt", sealed.substring(encodingAesKey.length() + 1));
            return fields.open(appId, encodingAesKey, new PushEnvelope(envelope.format(), opened, envelope.raw()));
        }

        @Override
        public String messageJson(InboundMessage message) {
            return fields.messageJson(message);
        }

        @Override
        public String write(InboundMessage message, PassiveReply reply, Instant now) {
            return fields.write(message, reply, now);
        }

        @Override
        public String seal(
                InboundMessage message, String plainReply, CallbackSettings settings, Instant now, String nonce) {
            return fields.seal(message, plainReply, settings, now, nonce)
                    .replace("Encrypt=", "Encrypt=" + settings.encodingAesKey().orElseThrow() + "!");
        }
    }
}
