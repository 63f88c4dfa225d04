package dev.wxgate.adapters.wechat.contract;

import static dev.wxgate.adapters.wechat.contract.ContractApps.OFFICIAL;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.wxgate.adapters.wechat.WechatCallbackWire;
import dev.wxgate.domain.app.AppId;
import dev.wxgate.domain.app.CallbackMode;
import dev.wxgate.domain.app.CallbackSettings;
import dev.wxgate.domain.callback.InboundMessage;
import dev.wxgate.domain.callback.PassiveReply;
import dev.wxgate.domain.callback.PushEnvelope;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * wxgate's reply writer and the sandbox's reply reader agree on every kind of passive reply: the sandbox's push tool
 * pushes to a callback endpoint in this test, which answers the way wxgate does (the push opened, the reply written
 * and sealed by {@link WechatCallbackWire}), and the sandbox shows the reply as WeChat would take it, in every mode
 * and format.
 */
class PassiveReplyContractTest {
    private static final RunningSandbox sandbox = RunningSandbox.shared();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String TOKEN = "contractCallbackToken";
    private static final String KEY = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";

    private final WechatCallbackWire wire = new WechatCallbackWire(new SecureRandom());
    private final AtomicReference<PassiveReply> reply = new AtomicReference<>();
    private final AtomicReference<CallbackMode> mode = new AtomicReference<>();
    private HttpServer callback;

    @BeforeEach
    void startCallback() throws IOException {
        callback = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        callback.createContext("/wx/callback/" + OFFICIAL, exchange -> {
            byte[] answer;
            int status = 200;
            try {
                answer = answer(exchange.getRequestBody().readAllBytes()).getBytes(StandardCharsets.UTF_8);
            } catch (RuntimeException failed) {
                status = 500;
                answer = failed.toString().getBytes(StandardCharsets.UTF_8);
            }
            exchange.sendResponseHeaders(status, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        callback.start();
    }

    @AfterEach
    void stopCallback() {
        callback.stop(0);
    }

    /** What wxgate does with a push once its signature held: open it, write the reply, seal it in the push's mode. */
    private String answer(byte[] body) {
        PushEnvelope envelope = wire.read(body);
        InboundMessage message = envelope.encrypt().isPresent()
                ? wire.open(AppId.of(OFFICIAL), KEY, envelope)
                : envelope.plainMessage(AppId.of(OFFICIAL));
        Instant now = Instant.now();
        String plain = wire.write(message, reply.get(), now);
        if (mode.get() == CallbackMode.PLAINTEXT) {
            return plain;
        }
        CallbackSettings settings = new CallbackSettings(TOKEN, Optional.of(KEY), mode.get());
        return wire.seal(message, plain, settings, now, "1320451234");
    }

    static List<Arguments> kindsModesAndFormats() {
        List<Arguments> all = new ArrayList<>();
        for (Arguments kind : kinds()) {
            for (CallbackMode mode : CallbackMode.values()) {
                for (String format : List.of("xml", "json")) {
                    all.add(Arguments.of(kind.get()[0], kind.get()[1], mode, format));
                }
            }
        }
        return all;
    }

    /** Each kind, and what WeChat shows after the envelope, written by hand from WeChat's documented shapes. */
    private static List<Arguments> kinds() {
        return List.of(
                Arguments.of(
                        PassiveReply.text("你好 <b> ]]> & \"q\""),
                        "\"MsgType\":\"text\",\"Content\":\"你好 <b> ]]> & \\\"q\\\"\""),
                Arguments.of(
                        new PassiveReply.Image("img-1"), "\"MsgType\":\"image\",\"Image\":{\"MediaId\":\"img-1\"}"),
                Arguments.of(
                        new PassiveReply.Voice("voice-1"), "\"MsgType\":\"voice\",\"Voice\":{\"MediaId\":\"voice-1\"}"),
                Arguments.of(
                        new PassiveReply.Video("video-1", Optional.of("A film"), Optional.empty()),
                        "\"MsgType\":\"video\",\"Video\":{\"MediaId\":\"video-1\",\"Title\":\"A film\"}"),
                Arguments.of(
                        new PassiveReply.Music(
                                Optional.of("Song"),
                                Optional.of("By"),
                                Optional.of("http://m/a.mp3"),
                                Optional.of("http://m/hq.mp3"),
                                "thumb-1"),
                        "\"MsgType\":\"music\",\"Music\":{\"Title\":\"Song\",\"Description\":\"By\","
                                + "\"MusicUrl\":\"http://m/a.mp3\",\"HQMusicUrl\":\"http://m/hq.mp3\",\"ThumbMediaId\":\"thumb-1\"}"),
                Arguments.of(
                        new PassiveReply.News(List.of(
                                new PassiveReply.Article(
                                        "First",
                                        Optional.of("Big picture"),
                                        Optional.of("http://p/1.png"),
                                        Optional.of("http://u/1")),
                                new PassiveReply.Article(
                                        "Second", Optional.empty(), Optional.empty(), Optional.of("http://u/2")))),
                        "\"MsgType\":\"news\",\"ArticleCount\":\"2\",\"Articles\":[{\"Title\":\"First\","
                                + "\"Description\":\"Big picture\",\"PicUrl\":\"http://p/1.png\",\"Url\":\"http://u/1\"},"
                                + "{\"Title\":\"Second\",\"Url\":\"http://u/2\"}]"),
                Arguments.of(
                        new PassiveReply.TransferCustomerService(Optional.empty()),
                        "\"MsgType\":\"transfer_customer_service\""),
                Arguments.of(
                        new PassiveReply.TransferCustomerService(Optional.of("agent1@gh_contract")),
                        "\"MsgType\":\"transfer_customer_service\",\"TransInfo\":{\"KfAccount\":\"agent1@gh_contract\"}"));
    }

    @ParameterizedTest(name = "{2} {3}: {1}")
    @MethodSource("kindsModesAndFormats")
    void theSandboxShowsEachKindAsWxgateWroteIt(PassiveReply kind, String shown, CallbackMode mode, String format) {
        reply.set(kind);
        this.mode.set(mode);

        RunningSandbox.Reply pushed = sandbox.postJson("/_sandbox/apps/" + OFFICIAL + "/push", push(mode, format));

        assertThat(pushed.status()).as(pushed.body()).isEqualTo(200);
        JsonNode result = pushed.json();
        assertThat(result.path("status").asInt()).as(pushed.body()).isEqualTo(200);
        assertThat(result.has("replyError")).as(pushed.body()).isFalse();
        assertThat(result.has("replyProblem")).as(pushed.body()).isFalse();
        assertThat(result.path("replyAddressedBack").asBoolean()).isTrue();
        if (mode == CallbackMode.PLAINTEXT) {
            assertThat(result.has("replySignatureValid")).isFalse();
        } else {
            assertThat(result.path("replySignatureValid").asBoolean()).isTrue();
            assertThat(result.path("rawReply").asString()).contains("Encrypt").contains("1320451234");
        }
        assertThat(result.path("reply").asString()).startsWith(format.equals("xml") ? "<xml>" : "{");
        ObjectNode message = (ObjectNode) result.path("replyMessage");
        assertThat(message.remove("CreateTime").asString()).matches("[0-9]{10}");
        assertThat(JSON.writeValueAsString(message))
                .isEqualTo("{\"ToUserName\":\"oContractUser\",\"FromUserName\":\"gh_c0de00000004\"," + shown + "}");
    }

    private String push(CallbackMode mode, String format) {
        ObjectNode body = JSON.createObjectNode()
                .put("url", "http://127.0.0.1:" + callback.getAddress().getPort() + "/wx/callback/" + OFFICIAL)
                .put("token", TOKEN)
                .put("encodingAesKey", KEY)
                .put("mode", mode.name().toLowerCase(java.util.Locale.ROOT))
                .put("format", format);
        body.putObject("message")
                .put("ToUserName", "gh_c0de00000004")
                .put("FromUserName", "oContractUser")
                .put("CreateTime", Instant.now().getEpochSecond())
                .put("MsgType", "text")
                .put("Content", "reply please")
                .put("MsgId", 1L);
        return JSON.writeValueAsString(body);
    }
}
