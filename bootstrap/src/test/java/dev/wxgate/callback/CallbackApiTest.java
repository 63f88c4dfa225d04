package dev.wxgate.callback;

import static dev.wxgate.testfixtures.WechatCiphertexts.pad;
import static dev.wxgate.testfixtures.WechatCiphertexts.plaintext;
import static dev.wxgate.testfixtures.WechatCiphertexts.seal;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wxgate.adapters.wechat.WechatMessageCrypto;
import dev.wxgate.callback.WechatPush.Reply;
import dev.wxgate.callback.WechatPush.Signed;
import dev.wxgate.domain.callback.CallbackLog;
import dev.wxgate.domain.callback.CallbackRejectedException.Reason;
import dev.wxgate.domain.callback.CallbackSignature;
import dev.wxgate.domain.callback.InboundMessage;
import dev.wxgate.domain.callback.MessageFormat;
import dev.wxgate.domain.callback.MessageHandler;
import dev.wxgate.domain.callback.MessageRoute;
import dev.wxgate.domain.callback.PassiveReply;
import dev.wxgate.domain.callback.SecurityMode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/** WeChat's callbacks over HTTP, every mode and format, and everything a forger or a broken sender might try. */
@SpringBootTest(
        classes = {dev.wxgate.bootstrap.WxgateApplication.class, CallbackApiTest.Handlers.class},
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "wxgate.wechat.base-url=http://127.0.0.1:9",
            "wxgate.apps[0].app-id=" + CallbackApiTest.APP,
            "wxgate.apps[0].secret=0123456789abcdef0123456789abcdef",
            "wxgate.apps[0].callback.token=" + CallbackApiTest.TOKEN,
            "wxgate.apps[0].callback.encoding-aes-key=" + CallbackApiTest.AES_KEY,
            "wxgate.apps[1].app-id=" + CallbackApiTest.PLAIN_APP,
            "wxgate.apps[1].secret=0123456789abcdef0123456789abcdef",
            "wxgate.apps[1].callback.token=" + CallbackApiTest.TOKEN,
            "wxgate.apps[2].app-id=" + CallbackApiTest.NO_CALLBACK_APP,
            "wxgate.apps[2].secret=0123456789abcdef0123456789abcdef",
            "wxgate.apps[3].app-id=" + CallbackApiTest.SAFE_APP,
            "wxgate.apps[3].secret=0123456789abcdef0123456789abcdef",
            "wxgate.apps[3].callback.token=" + CallbackApiTest.TOKEN,
            "wxgate.apps[3].callback.encoding-aes-key=" + CallbackApiTest.AES_KEY,
            "wxgate.apps[3].callback.mode=safe",
            "wxgate.apps[4].app-id=" + CallbackApiTest.PINNED_PLAIN_APP,
            "wxgate.apps[4].secret=0123456789abcdef0123456789abcdef",
            "wxgate.apps[4].callback.token=" + CallbackApiTest.TOKEN,
            "wxgate.apps[4].callback.encoding-aes-key=" + CallbackApiTest.AES_KEY,
            "wxgate.apps[4].callback.mode=plaintext",
            "wxgate.callbacks.echo-text=true"
        })
@ActiveProfiles("test")
@ExtendWith(OutputCaptureExtension.class)
class CallbackApiTest {
    static final String APP = "wx1111111111111111";
    static final String PLAIN_APP = "wx2222222222222222";
    static final String NO_CALLBACK_APP = "wx3333333333333333";
    static final String OTHER_APP = "wx4444444444444444";
    static final String SAFE_APP = "wx5555555555555555";
    static final String PINNED_PLAIN_APP = "wx6666666666666666";
    static final String TOKEN = "callbackTestToken42";
    static final String AES_KEY = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";

    @LocalServerPort
    int port;

    @Autowired
    Handlers handlers;

    @Autowired
    CallbackLog callbackLog;

    WechatPush wechat;
    final WechatMessageCrypto crypto = new WechatMessageCrypto(AES_KEY, APP);
    static final AtomicInteger MSG_IDS = new AtomicInteger(1_000_000);

    @BeforeEach
    void wechat() {
        wechat = new WechatPush(port);
    }

    static String msgId() {
        return "2460" + MSG_IDS.incrementAndGet();
    }

    Signed signed(SecurityMode mode, MessageFormat format, String message) {
        return WechatPush.sign(mode, format, message, TOKEN, crypto, WechatPush.now(), WechatPush.nonce());
    }

    // --- GET: URL verification

    @Test
    void urlVerificationAnswersEchostrAsText() {
        String timestamp = WechatPush.now();
        String nonce = WechatPush.nonce();
        String query = "signature=" + CallbackSignature.of(TOKEN, timestamp, nonce) + "&timestamp=" + timestamp
                + "&nonce=" + nonce + "&echostr=4375120948345356249";

        Reply reply = wechat.get(APP, query);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body()).isEqualTo("4375120948345356249");
        assertThat(reply.contentType()).startsWith("text/plain");
    }

    @Test
    void urlVerificationWithAWrongOrMissingSignatureIsForbiddenAndEchoesNothing() {
        String timestamp = WechatPush.now();
        String nonce = WechatPush.nonce();
        String wrong = "signature=" + CallbackSignature.of("otherToken", timestamp, nonce) + "&timestamp=" + timestamp
                + "&nonce=" + nonce + "&echostr=echo123";

        Reply forged = wechat.get(APP, wrong);
        Reply missing = wechat.get(APP, "timestamp=" + timestamp + "&nonce=" + nonce + "&echostr=echo123");

        assertThat(forged.status()).isEqualTo(403);
        assertThat(forged.body()).doesNotContain("echo123").contains("bad_signature");
        assertThat(missing.status()).isEqualTo(403);
        assertThat(wechat.get(APP, null).status()).isEqualTo(403);
    }

    @Test
    void urlVerificationWithATimestampOutsideTheWindowIsRefusedAndEchoesNothing() {
        long now = System.currentTimeMillis() / 1000;
        for (String timestamp : List.of(Long.toString(now - 301), Long.toString(now + 400), "1714036504", "soon")) {
            String nonce = WechatPush.nonce();
            Reply reply = wechat.get(
                    APP,
                    "signature=" + CallbackSignature.of(TOKEN, timestamp, nonce) + "&timestamp=" + timestamp + "&nonce="
                            + nonce + "&echostr=stale-echo");

            assertThat(reply.status()).as(timestamp).isEqualTo(400);
            assertThat(reply.json().path("error").asString()).as(timestamp).isEqualTo("stale_timestamp");
            assertThat(reply.body()).doesNotContain("stale-echo");
        }
    }

    @Test
    void urlVerificationIsAnsweredOncePerNonceAndItsNonceCannotSignAPushAfterwards() {
        String timestamp = WechatPush.now();
        String nonce = WechatPush.nonce();
        String query = "signature=" + CallbackSignature.of(TOKEN, timestamp, nonce) + "&timestamp=" + timestamp
                + "&nonce=" + nonce + "&echostr=once";

        Reply first = wechat.get(PLAIN_APP, query);
        Reply again = wechat.get(PLAIN_APP, query);
        // The same signature signs a plaintext push: a captured verification is no key to the push endpoint.
        Signed push = WechatPush.sign(
                SecurityMode.PLAINTEXT,
                MessageFormat.XML,
                WechatPush.textXml(msgId(), "riding a verification"),
                TOKEN,
                crypto,
                timestamp,
                nonce);
        Reply pushed = wechat.post(PLAIN_APP, push.query(), push.body());

        assertThat(first.status()).isEqualTo(200);
        assertThat(first.body()).isEqualTo("once");
        assertThat(again.status()).isEqualTo(400);
        assertThat(again.json().path("error").asString()).isEqualTo("replayed_nonce");
        assertThat(pushed.status()).isEqualTo(400);
        assertThat(pushed.json().path("error").asString()).isEqualTo("replayed_nonce");
        assertThat(handlers.contents).doesNotContain("riding a verification");
    }

    @Test
    void anAppWithoutCallbacksOrUnknownOrMalformedIsNotFound() {
        assertThat(wechat.get(NO_CALLBACK_APP, "echostr=1").status()).isEqualTo(404);
        assertThat(wechat.get(OTHER_APP, "echostr=1").status()).isEqualTo(404);
        assertThat(wechat.get("not-an-app", "echostr=1").status()).isEqualTo(404);
        assertThat(wechat.post("not-an-app", null, "<xml/>").status()).isEqualTo(404);
    }

    // --- POST: every mode and format

    static List<Arguments> modesAndFormats() {
        List<Arguments> all = new ArrayList<>();
        for (SecurityMode mode : SecurityMode.values()) {
            for (MessageFormat format : MessageFormat.values()) {
                all.add(Arguments.of(mode, format));
            }
        }
        return all;
    }

    @ParameterizedTest
    @MethodSource("modesAndFormats")
    void aTextMessageGetsItsPassiveReplyInTheModeItCameIn(SecurityMode mode, MessageFormat format) {
        String id = msgId();
        Signed push = signed(mode, format, WechatPush.text(format, id, "你好 <b>&amp; ]]> " + mode));

        Reply reply = wechat.post(mode == SecurityMode.PLAINTEXT ? PLAIN_APP : APP, push.query(), push.body());

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.contentType())
                .startsWith(format == MessageFormat.XML ? "application/xml" : "application/json");
        Map<String, String> fields = replyFields(mode, format, reply, push);
        assertThat(fields)
                .containsEntry("ToUserName", "oUser1")
                .containsEntry("FromUserName", "gh_97417a04a28d")
                .containsEntry("MsgType", "text")
                .containsEntry("Content", "echo: 你好 <b>&amp; ]]> " + mode);
        assertThat(Long.parseLong(fields.get("CreateTime"))).isPositive();
        assertThat(handlers.deliveries.get("msg:" + id)).hasValue(1);
        assertThat(handlers.modes.get("msg:" + id)).isEqualTo(mode + "/" + format);
    }

    @Test
    void anEventWithoutAReplyIsAnsweredSuccessAndRecorded() {
        String event = "<xml><ToUserName><![CDATA[gh_1]]></ToUserName><FromUserName><![CDATA[oEventUser]]>"
                + "</FromUserName><CreateTime>" + WechatPush.now() + "</CreateTime><MsgType><![CDATA[event]]>"
                + "</MsgType><Event><![CDATA[subscribe]]></Event></xml>";
        Signed push = signed(SecurityMode.SAFE, MessageFormat.XML, event);

        Reply reply = wechat.post(APP, push.query(), push.body());

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body()).isEqualTo("success");
        assertThat(callbackLog.recent(50)).anySatisfy(entry -> {
            assertThat(entry.openId()).contains("oEventUser");
            assertThat(entry.event()).contains("subscribe");
            assertThat(entry.outcome()).isEqualTo(CallbackLog.Outcome.HANDLED);
        });
    }

    @ParameterizedTest
    @MethodSource("modesAndFormats")
    void aPushWithoutContentTypeOrSentAsAFormIsHandledExactlyLikeTextXml(SecurityMode mode, MessageFormat format) {
        String app = mode == SecurityMode.PLAINTEXT ? PLAIN_APP : APP;
        Map<String, Reply> replies = new LinkedHashMap<>();
        Map<String, String> ids = new LinkedHashMap<>();
        java.util.Arrays.asList("text/xml", null, "application/x-www-form-urlencoded")
                .forEach(contentType -> {
                    String id = msgId();
                    // A form body's own "fields" would shadow the query's if it were parsed as one.
                    String content = "a=b&signature=0&timestamp=1&" + mode;
                    Signed push = signed(mode, format, WechatPush.text(format, id, content));
                    Reply reply =
                            wechat.post(app, push.query(), push.body().getBytes(StandardCharsets.UTF_8), contentType);
                    replies.put(String.valueOf(contentType), reply);
                    ids.put(String.valueOf(contentType), id);
                    assertThat(reply.status())
                            .as("%s: %s", contentType, reply.body())
                            .isEqualTo(200);
                    assertThat(replyFields(mode, format, reply, push))
                            .as(String.valueOf(contentType))
                            .containsEntry("Content", "echo: " + content);
                });

        ids.forEach((contentType, id) -> {
            assertThat(handlers.deliveries.get("msg:" + id)).as(contentType).hasValue(1);
            assertThat(handlers.modes.get("msg:" + id)).as(contentType).isEqualTo(mode + "/" + format);
        });
        assertThat(replies.values())
                .extracting(Reply::contentType)
                .containsOnly(replies.get("text/xml").contentType());
    }

    // --- the mode pinned per app

    @Test
    void aSafeModeAppRefusesAPushSignedBySignatureOnlyAndRecordsWhy() {
        String id = msgId();
        Signed plaintext = signed(SecurityMode.PLAINTEXT, MessageFormat.XML, WechatPush.textXml(id, "downgraded"));

        Reply refused = wechat.post(SAFE_APP, plaintext.query(), plaintext.body());

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().path("error").asString()).isEqualTo("encryption_required");
        assertThat(handlers.deliveries).doesNotContainKey("msg:" + id);
        assertThat(callbackLog.recent(1)).singleElement().satisfies(entry -> {
            assertThat(entry.appId().value()).isEqualTo(SAFE_APP);
            assertThat(entry.outcome()).isEqualTo(CallbackLog.Outcome.REJECTED);
            assertThat(entry.reason()).contains(Reason.ENCRYPTION_REQUIRED);
        });
    }

    @Test
    void aSafeModeAppTakesSafeAndCompatiblePushes() {
        WechatMessageCrypto safeCrypto = new WechatMessageCrypto(AES_KEY, SAFE_APP);
        for (SecurityMode mode : List.of(SecurityMode.SAFE, SecurityMode.COMPATIBLE)) {
            String id = msgId();
            Signed push = WechatPush.sign(
                    mode,
                    MessageFormat.JSON,
                    WechatPush.textJson(id, "sealed"),
                    TOKEN,
                    safeCrypto,
                    WechatPush.now(),
                    WechatPush.nonce());

            assertThat(wechat.post(SAFE_APP, push.query(), push.body()).status())
                    .as(mode.name())
                    .isEqualTo(200);
            assertThat(handlers.deliveries.get("msg:" + id)).as(mode.name()).hasValue(1);
        }
    }

    @Test
    void anEncryptTypeOtherThanAesIsRefusedForEveryAppAndNeverReadAsPlaintext() {
        for (String app : List.of(APP, PLAIN_APP, SAFE_APP, PINNED_PLAIN_APP)) {
            for (String encryptType : List.of("none", "AES", "RAW", "", "aes%20", "aes2")) {
                String id = msgId();
                Signed push = signed(SecurityMode.PLAINTEXT, MessageFormat.XML, WechatPush.textXml(id, "typed"));

                Reply reply = wechat.post(app, push.query() + "&encrypt_type=" + encryptType, push.body());

                assertThat(reply.status()).as(app + " " + encryptType).isEqualTo(400);
                assertThat(reply.json().path("error").asString()).isEqualTo("unsupported_encrypt_type");
                assertThat(handlers.deliveries).doesNotContainKey("msg:" + id);
            }
        }
        assertThat(callbackLog.recent(24))
                .allSatisfy(entry -> assertThat(entry.reason()).contains(Reason.UNSUPPORTED_ENCRYPT_TYPE));
    }

    @Test
    void aPlaintextModeAppRefusesAnEncryptedPushThoughItHasAKey() {
        WechatMessageCrypto pinnedCrypto = new WechatMessageCrypto(AES_KEY, PINNED_PLAIN_APP);
        String id = msgId();
        Signed sealed = WechatPush.sign(
                SecurityMode.SAFE,
                MessageFormat.XML,
                WechatPush.textXml(id, "sealed"),
                TOKEN,
                pinnedCrypto,
                WechatPush.now(),
                WechatPush.nonce());
        Signed plain = signed(SecurityMode.PLAINTEXT, MessageFormat.XML, WechatPush.textXml(msgId(), "plain"));

        Reply refused = wechat.post(PINNED_PLAIN_APP, sealed.query(), sealed.body());
        Reply taken = wechat.post(PINNED_PLAIN_APP, plain.query(), plain.body());

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().path("error").asString()).isEqualTo("not_encrypted");
        assertThat(handlers.deliveries).doesNotContainKey("msg:" + id);
        assertThat(taken.status()).isEqualTo(200);
    }

    // --- retries and replays

    @Test
    void aDeliveryRetriedIsHandledOnceAndEveryTryIsAnswered() {
        String id = msgId();
        String message = WechatPush.textXml(id, "once");
        String timestamp = WechatPush.now();
        String nonce = WechatPush.nonce();
        Signed first = WechatPush.sign(SecurityMode.SAFE, MessageFormat.XML, message, TOKEN, crypto, timestamp, nonce);

        Reply one = wechat.post(APP, first.query(), first.body());
        Reply sameRequestAgain = wechat.post(APP, first.query(), first.body());
        Signed retry = signed(SecurityMode.SAFE, MessageFormat.XML, message);
        Reply retried = wechat.post(APP, retry.query(), retry.body());

        assertThat(one.status()).isEqualTo(200);
        assertThat(sameRequestAgain.status()).isEqualTo(200);
        assertThat(replyFields(SecurityMode.SAFE, MessageFormat.XML, one, first))
                .containsEntry("Content", "echo: once");
        assertThat(replyFields(SecurityMode.SAFE, MessageFormat.XML, sameRequestAgain, first))
                .as("a retry is answered like the first try")
                .containsEntry("Content", "echo: once");
        assertThat(retried.status()).isEqualTo(200);
        assertThat(replyFields(SecurityMode.SAFE, MessageFormat.XML, retried, retry))
                .containsEntry("Content", "echo: once");
        assertThat(handlers.deliveries.get("msg:" + id)).hasValue(1);
        assertThat(callbackLog.recent(3))
                .extracting(CallbackLog.Entry::outcome)
                .containsExactly(
                        CallbackLog.Outcome.DUPLICATE, CallbackLog.Outcome.DUPLICATE, CallbackLog.Outcome.HANDLED);
    }

    @Test
    void anEventRetriedIsDeduplicatedBySenderAndTime() {
        String event = "<xml><ToUserName>gh_1</ToUserName><FromUserName>oRetry</FromUserName><CreateTime>"
                + WechatPush.now() + "</CreateTime><MsgType>event</MsgType><Event>CLICK</Event></xml>";
        for (int i = 0; i < 3; i++) {
            Signed push = signed(SecurityMode.PLAINTEXT, MessageFormat.XML, event);
            assertThat(wechat.post(PLAIN_APP, push.query(), push.body()).status())
                    .isEqualTo(200);
        }
        assertThat(handlers.deliveries.entrySet())
                .filteredOn(entry -> entry.getKey().startsWith("event:oRetry:"))
                .singleElement()
                .satisfies(entry -> assertThat(entry.getValue()).hasValue(1));
    }

    @Test
    void aNonceUsedAgainForAnotherMessageIsRefused() {
        String timestamp = WechatPush.now();
        String nonce = WechatPush.nonce();
        Signed first = WechatPush.sign(
                SecurityMode.PLAINTEXT,
                MessageFormat.XML,
                WechatPush.textXml(msgId(), "a"),
                TOKEN,
                crypto,
                timestamp,
                nonce);
        Signed forged = WechatPush.sign(
                SecurityMode.PLAINTEXT,
                MessageFormat.XML,
                WechatPush.textXml(msgId(), "forged"),
                TOKEN,
                crypto,
                timestamp,
                nonce);

        assertThat(wechat.post(PLAIN_APP, first.query(), first.body()).status()).isEqualTo(200);
        Reply replayed = wechat.post(PLAIN_APP, forged.query(), forged.body());

        assertThat(replayed.status()).isEqualTo(400);
        assertThat(replayed.json().path("error").asString()).isEqualTo("replayed_nonce");
    }

    @Test
    void aTimestampOutsideTheWindowIsRefused() {
        String old = Long.toString(System.currentTimeMillis() / 1000 - 301);
        String future = Long.toString(System.currentTimeMillis() / 1000 + 400);
        for (String timestamp : List.of(old, future, "not-a-number")) {
            Signed push = WechatPush.sign(
                    SecurityMode.SAFE,
                    MessageFormat.JSON,
                    WechatPush.textJson(msgId(), "late"),
                    TOKEN,
                    crypto,
                    timestamp,
                    WechatPush.nonce());
            Reply reply = wechat.post(APP, push.query(), push.body());
            assertThat(reply.status()).as(timestamp).isEqualTo(400);
            assertThat(reply.json().path("error").asString()).isEqualTo("stale_timestamp");
        }
    }

    // --- hostile input

    @Test
    void forgedOrUnsignedMessagesAreForbidden() {
        String message = WechatPush.textXml(msgId(), "forged");
        Signed forged = WechatPush.sign(
                SecurityMode.SAFE,
                MessageFormat.XML,
                message,
                "wrongToken",
                crypto,
                WechatPush.now(),
                WechatPush.nonce());
        assertThat(wechat.post(APP, forged.query(), forged.body()).status()).isEqualTo(403);
        assertThat(wechat.post(APP, null, message).status()).isEqualTo(403);

        // Encrypted mode with only the plain signature (which does not cover the body) is not enough.
        Signed safe = signed(SecurityMode.SAFE, MessageFormat.XML, message);
        String withoutMsgSignature = safe.query().replaceAll("&msg_signature=[0-9a-f]+", "");
        assertThat(wechat.post(APP, withoutMsgSignature, safe.body()).status()).isEqualTo(403);

        // A valid msg_signature for another Encrypt: the body was swapped.
        Signed other = signed(SecurityMode.SAFE, MessageFormat.XML, WechatPush.textXml(msgId(), "other"));
        assertThat(wechat.post(APP, safe.query(), other.body()).status()).isEqualTo(403);
        assertThat(handlers.contents).doesNotContain("forged", "other");
    }

    @Test
    void everyFailureAfterMsgSignatureGetsOneAnswerAndTheCallbackLogTheReason() {
        byte[] valid = plaintext(WechatPush.textXml(msgId(), "x"), APP);
        byte[] lyingLength = valid.clone();
        ByteBuffer.wrap(lyingLength).putInt(16, Integer.MAX_VALUE);
        byte[] zeroPad = pad(valid);
        zeroPad[zeroPad.length - 1] = 0;
        Map<String, String> tampered = new LinkedHashMap<>();
        tampered.put("not base64", "not*base64");
        tampered.put("not whole blocks", Base64.getEncoder().encodeToString(new byte[48]));
        tampered.put("bad padding", seal(AES_KEY, zeroPad));
        tampered.put(
                "another app's", new WechatMessageCrypto(AES_KEY, OTHER_APP).encrypt(WechatPush.textXml(msgId(), "x")));
        tampered.put("shorter than its header", seal(AES_KEY, pad(new byte[10])));
        tampered.put("a lying length", seal(AES_KEY, pad(lyingLength)));
        tampered.put("inner body not XML or JSON", crypto.encrypt("not a message"));
        tampered.put("inner body without the fields", crypto.encrypt("<xml><MsgType>text</MsgType></xml>"));

        Map<String, Reply> replies = new LinkedHashMap<>();
        tampered.forEach((kind, encrypted) -> replies.put(kind, postSealed(encrypted)));

        Reply first = replies.values().iterator().next();
        assertThat(first.status()).isEqualTo(400);
        assertThat(first.contentType()).startsWith("application/json");
        assertThat(first.json().path("error").asString()).isEqualTo("undecryptable");
        replies.forEach((kind, reply) -> {
            assertThat(reply.status()).as(kind).isEqualTo(first.status());
            assertThat(reply.body()).as(kind).isEqualTo(first.body());
            assertThat(reply.contentType()).as(kind).isEqualTo(first.contentType());
            assertThat(reply.headers()).as(kind).isEqualTo(first.headers());
        });
        assertThat(callbackLog.recent(tampered.size()))
                .as("the console is told what went wrong, each time")
                .extracting(entry -> entry.reason().orElseThrow())
                .containsExactly(
                        Reason.MALFORMED,
                        Reason.MALFORMED,
                        Reason.BAD_LENGTH,
                        Reason.BAD_LENGTH,
                        Reason.WRONG_APP,
                        Reason.BAD_PADDING,
                        Reason.BAD_PADDING,
                        Reason.BAD_BASE64);
    }

    /** Posts a safe-mode XML body around {@code encrypted}, correctly signed. */
    private Reply postSealed(String encrypted) {
        String timestamp = WechatPush.now();
        String nonce = WechatPush.nonce();
        String query = "timestamp=" + timestamp + "&nonce=" + nonce + "&encrypt_type=aes&msg_signature="
                + CallbackSignature.of(TOKEN, timestamp, nonce, encrypted);
        return wechat.post(APP, query, "<xml><Encrypt><![CDATA[" + encrypted + "]]></Encrypt></xml>");
    }

    @Test
    void malformedAndHostileDocumentsAreRefusedWithAShortReason() {
        List<String> hostile = List.of(
                "",
                "   ",
                "hello",
                "<xml><ToUserName>a</xml>",
                "{\"ToUserName\":",
                "[1,2,3]",
                "{\"a\":1}{\"b\":2}",
                "{\"MsgType\":\"text\",\"MsgType\":\"event\"}",
                "<xml><MsgType>text</MsgType><MsgType>event</MsgType></xml>",
                "<?xml version=\"1.0\"?><!DOCTYPE xml [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>"
                        + "<xml><ToUserName>&xxe;</ToUserName></xml>",
                "<?xml version=\"1.0\"?><!DOCTYPE xml [<!ENTITY % p SYSTEM \"http://127.0.0.1:9/x.dtd\"> %p;]><xml/>",
                billionLaughs(),
                "<xml xmlns:xi=\"http://www.w3.org/2001/XInclude\"><xi:include href=\"file:///etc/passwd\"/></xml>",
                "{" + "\"a\":{".repeat(100) + "}".repeat(101),
                "<xml>" + "<a>".repeat(100) + "</a>".repeat(100) + "</xml>");
        for (String body : hostile) {
            Signed push = signed(SecurityMode.PLAINTEXT, MessageFormat.XML, body);
            Reply reply = wechat.post(PLAIN_APP, push.query(), push.body());
            assertThat(reply.status()).as(body).isEqualTo(400);
            assertThat(reply.json().path("error").asString()).as(body).isEqualTo("malformed");
            assertThat(reply.body()).as(body).doesNotContain("passwd", "DOCTYPE", "Exception", "lol");
        }
    }

    private static String billionLaughs() {
        StringBuilder dtd = new StringBuilder("<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">");
        for (int i = 1; i < 10; i++) {
            dtd.append("<!ENTITY lol").append(i).append(" \"");
            dtd.append(("&lol" + (i == 1 ? "" : i - 1) + ";").repeat(10)).append("\">");
        }
        return dtd.append("]><xml><ToUserName>&lol9;</ToUserName></xml>").toString();
    }

    @Test
    void anOversizeBodyIsRefusedBeforeParsingDeclaredOrChunked() {
        byte[] large = new byte[1024 * 1024 + 100];
        Arrays.fill(large, (byte) 'a');
        Signed push = signed(SecurityMode.PLAINTEXT, MessageFormat.XML, "x");

        Reply declared = wechat.post(PLAIN_APP, push.query(), large);
        Reply chunked = wechat.postChunked(PLAIN_APP, push.query(), large);

        assertThat(declared.status()).isEqualTo(413);
        assertThat(declared.json().path("error").asString()).isEqualTo("payload_too_large");
        assertThat(chunked.status()).isEqualTo(413);
    }

    @Test
    void hundredsOfGeneratedMalformedBodiesAreAll4xxAndTheServerKeepsAnswering(CapturedOutput output) {
        SplittableRandom random = new SplittableRandom(6);
        int refused = 0;
        for (int i = 0; i < 400; i++) {
            MessageFormat format = i % 2 == 0 ? MessageFormat.XML : MessageFormat.JSON;
            String valid = WechatPush.text(format, msgId(), "fuzz-secret-" + i);
            byte[] body;
            boolean mustRefuse = true;
            switch (i % 4) {
                case 0 -> {
                    body = new byte[random.nextInt(1, 600)];
                    random.nextBytes(body);
                }
                case 1 ->
                    body = Arrays.copyOf(valid.getBytes(StandardCharsets.UTF_8), random.nextInt(0, valid.length() - 2));
                default -> {
                    body = valid.getBytes(StandardCharsets.UTF_8);
                    for (int m = 0; m < 1 + random.nextInt(4); m++) {
                        body[random.nextInt(body.length)] = (byte) random.nextInt(256);
                    }
                    mustRefuse = false; // a mutation may leave a valid message
                }
            }
            Reply reply;
            if (i % 3 == 0) {
                // Safe mode: the mangled text is what gets encrypted and correctly signed.
                Signed push = signed(SecurityMode.SAFE, format, new String(body, StandardCharsets.ISO_8859_1));
                reply = wechat.post(APP, push.query(), push.body());
            } else {
                Signed push = signed(SecurityMode.PLAINTEXT, format, "");
                reply = wechat.post(PLAIN_APP, push.query(), body);
            }
            assertThat(reply.status()).as("body %d", i).isLessThan(500);
            if (mustRefuse) {
                assertThat(reply.status()).as("body %d", i).isBetween(400, 499);
            }
            refused += reply.status() >= 400 ? 1 : 0;
        }
        assertThat(refused).isGreaterThan(200);

        String id = msgId();
        Signed push = signed(SecurityMode.SAFE, MessageFormat.JSON, WechatPush.textJson(id, "still here"));
        Reply after = wechat.post(APP, push.query(), push.body());
        assertThat(after.status()).isEqualTo(200);
        assertThat(handlers.deliveries.get("msg:" + id)).hasValue(1);

        assertThat(output.getAll())
                .as("no log line carries a token, a key or what a user wrote")
                .doesNotContain(TOKEN, AES_KEY, "fuzz-secret-", "still here")
                .doesNotContain("Exception");
    }

    // --- helpers

    private Map<String, String> replyFields(SecurityMode mode, MessageFormat format, Reply reply, Signed push) {
        String plain = reply.body();
        if (mode.encrypted()) {
            Map<String, String> envelope = fields(format, reply.body());
            assertThat(envelope).containsOnlyKeys("Encrypt", "MsgSignature", "TimeStamp", "Nonce");
            String nonce = push.query().replaceAll(".*&nonce=(\\d+).*", "$1");
            assertThat(envelope.get("Nonce")).isEqualTo(nonce);
            assertThat(CallbackSignature.of(TOKEN, envelope.get("TimeStamp"), nonce, envelope.get("Encrypt")))
                    .isEqualTo(envelope.get("MsgSignature"));
            if (format == MessageFormat.JSON) {
                assertThat(reply.json().path("TimeStamp").isNumber()).isTrue();
            }
            plain = crypto.decrypt(envelope.get("Encrypt"));
        }
        return fields(format, plain);
    }

    private static Map<String, String> fields(MessageFormat format, String body) {
        Map<String, String> fields = new java.util.LinkedHashMap<>();
        if (format == MessageFormat.JSON) {
            WechatPush.JSON
                    .readTree(body)
                    .properties()
                    .forEach(field -> fields.put(
                            field.getKey(),
                            field.getValue().isString()
                                    ? field.getValue().asString()
                                    : field.getValue().toString()));
            return fields;
        }
        assertThat(body).startsWith("<xml>").endsWith("</xml>");
        Matcher element =
                Pattern.compile("<(\\w+)>(.*?)</\\1>", Pattern.DOTALL).matcher(body.substring(5, body.length() - 6));
        while (element.find()) {
            String value = element.group(2);
            if (value.startsWith("<![CDATA[")) {
                value = value.substring(9, value.length() - 3).replace("]]]]><![CDATA[>", "]]>");
            }
            fields.put(element.group(1), value);
        }
        return fields;
    }

    /** A handler (the test configuration is the bean) counting what it was given, by delivery key. */
    @TestConfiguration(proxyBeanMethods = false)
    static class Handlers implements MessageHandler {
        final Map<String, AtomicInteger> deliveries = new ConcurrentHashMap<>();
        final Map<String, String> modes = new ConcurrentHashMap<>();
        final List<String> contents = java.util.Collections.synchronizedList(new ArrayList<>());

        @Override
        public MessageRoute route() {
            return MessageRoute.any();
        }

        @Override
        public Optional<PassiveReply> handle(InboundMessage message) {
            deliveries
                    .computeIfAbsent(message.deliveryKey(), k -> new AtomicInteger())
                    .incrementAndGet();
            modes.put(message.deliveryKey(), message.mode() + "/" + message.format());
            Optional.ofNullable(message.fields().get("Content")).ifPresent(contents::add);
            return Optional.empty();
        }
    }
}
