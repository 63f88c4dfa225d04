package dev.wxgate.callback;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.wxgate.domain.callback.CallbackLog;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * WeChat's side of the callback lifecycle, through the embedded sandbox as its admin and its push: the URL saved (and
 * verified by WeChat's GET), the EncodingAESKey changed in the admin while wxgate takes both keys, the key's window
 * over, and WeChat's retry of a push whose answer was lost, handled once.
 */
@SpringBootTest(
        classes = dev.wxgate.bootstrap.WxgateApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "wxgate.sandbox.enabled=true",
            "wxgate.callbacks.echo-text=true",
            // The official account: mid-changeover, both keys taken.
            "wxgate.apps[0].app-id=" + EncodingAesKeyChangeoverTest.APP,
            "wxgate.apps[0].secret=5a4d0b0c1e2f3a4b5c6d7e8f90a10002",
            "wxgate.apps[0].type=official-account",
            "wxgate.apps[0].callback.token=" + EncodingAesKeyChangeoverTest.TOKEN,
            "wxgate.apps[0].callback.mode=safe",
            "wxgate.apps[0].callback.encoding-aes-key=" + EncodingAesKeyChangeoverTest.NEW_KEY,
            "wxgate.apps[0].callback.previous-encoding-aes-key=" + EncodingAesKeyChangeoverTest.OLD_KEY,
            "wxgate.apps[0].callback.previous-key-until=2999-01-01T00:00:00Z",
            // The mini-program: its changeover window is over.
            "wxgate.apps[1].app-id=" + EncodingAesKeyChangeoverTest.ENDED_APP,
            "wxgate.apps[1].secret=5a4d0b0c1e2f3a4b5c6d7e8f90a10001",
            "wxgate.apps[1].type=mini-program",
            "wxgate.apps[1].callback.token=" + EncodingAesKeyChangeoverTest.TOKEN,
            "wxgate.apps[1].callback.mode=safe",
            "wxgate.apps[1].callback.encoding-aes-key=" + EncodingAesKeyChangeoverTest.NEW_KEY,
            "wxgate.apps[1].callback.previous-encoding-aes-key=" + EncodingAesKeyChangeoverTest.OLD_KEY,
            "wxgate.apps[1].callback.previous-key-until=2020-01-01T00:00:00Z"
        })
@ActiveProfiles("test")
class EncodingAesKeyChangeoverTest {
    static final String APP = SandboxPushTool.APP;
    static final String ENDED_APP = "wxa1b2c3d4e5f60001";
    static final String TOKEN = SandboxPushTool.TOKEN;
    static final String OLD_KEY = SandboxPushTool.AES_KEY;
    static final String NEW_KEY = "wxgateSandboxNewEncodingAesKey0123456789abc";

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Between the sandbox and wxgate: forwards every push, and loses wxgate's answer to the first one (a 504). */
    private static final LossyProxy PROXY = LossyProxy.start();

    @DynamicPropertySource
    static void proxyIsAPushTarget(DynamicPropertyRegistry registry) {
        registry.add("wxgate.sandbox.push-targets[0]", () -> PROXY.url() + "/wx/callback/");
    }

    @AfterAll
    static void stopProxy() {
        PROXY.server.stop(0);
    }

    @LocalServerPort
    int port;

    @Autowired
    CallbackLog callbackLog;

    @Test
    void pushesUnderTheOldAndTheNewKeyAreTakenAcrossTheAdminsChangeAndAnsweredUnderTheirOwnKey() throws Exception {
        JsonNode saved = control("PUT", APP + "/callback", adminForm(TOKEN, OLD_KEY));
        assertThat(saved.path("verified").asBoolean()).as(saved.toString()).isTrue();

        JsonNode underOld = push(APP, text("oChange1", 3001), null);
        assertRepliedUnderThePushsKey(underOld, "oChange1");

        JsonNode changed = control("PUT", APP + "/callback/encoding-aes-key", Map.of("encodingAesKey", NEW_KEY));
        assertThat(changed.path("verified").asBoolean()).as(changed.toString()).isTrue();
        assertThat(changed.path("encodingAesKey").asString()).isEqualTo(NEW_KEY);

        JsonNode underNew = push(APP, text("oChange2", 3002), null);
        assertRepliedUnderThePushsKey(underNew, "oChange2");

        // A push WeChat sealed before the change reached all its servers: still under the old key.
        JsonNode late = push(APP, text("oChange3", 3003), Map.of("encodingAesKey", OLD_KEY));
        assertRepliedUnderThePushsKey(late, "oChange3");
    }

    @Test
    void pastTheWindowAPushUnderTheOldKeyIsRefusedAndOneUnderTheNewKeyTaken() throws Exception {
        Map<String, Object> form = new LinkedHashMap<>(adminForm(TOKEN, OLD_KEY));
        form.put("url", "http://127.0.0.1:" + port + "/wx/callback/" + ENDED_APP);
        assertThat(control("PUT", ENDED_APP + "/callback", form)
                        .path("verified")
                        .asBoolean())
                .isTrue();

        JsonNode refused = push(ENDED_APP, text("oEnded1", 3101), null);
        assertThat(refused.path("status").asInt()).as(refused.toString()).isEqualTo(400);
        assertThat(JSON.readTree(refused.path("rawReply").asString())
                        .path("error")
                        .asString())
                .isEqualTo("retired_key");
        assertThat(callbackLog.recent(1000)).noneMatch(entry -> entry.openId().equals(Optional.of("oEnded1")));

        control("PUT", ENDED_APP + "/callback/encoding-aes-key", Map.of("encodingAesKey", NEW_KEY));
        assertRepliedUnderThePushsKey(push(ENDED_APP, text("oEnded2", 3102), null), "oEnded2");
    }

    @Test
    void savingTheUrlIsVerifiedByWechatsGetAndFailsWithAWrongToken() throws Exception {
        JsonNode right = control("PUT", APP + "/callback", adminForm(TOKEN, NEW_KEY));
        assertThat(right.path("verified").asBoolean()).as(right.toString()).isTrue();
        assertThat(right.path("answer").asString())
                .isEqualTo(right.path("echostr").asString());

        JsonNode wrong = control("PUT", APP + "/callback", adminForm("wrongToken42", NEW_KEY));
        assertThat(wrong.path("verified").asBoolean()).as(wrong.toString()).isFalse();
        assertThat(wrong.path("status").asInt()).isEqualTo(403);
        // Not saved: pushes still go out with the verified token, and are taken.
        assertRepliedUnderThePushsKey(push(APP, text("oVerify1", 3201), null), "oVerify1");
    }

    @Test
    void wechatsRetryOfAPushWhoseAnswerWasLostDeliversItAndItIsHandledOnce() throws Exception {
        control("PUT", APP + "/callback", adminForm(TOKEN, NEW_KEY));
        PROXY.wxgatePort = port;
        PROXY.toLose.set(1);

        JsonNode report =
                push(APP, text("oRetry1", 3301), Map.of("url", PROXY.url() + "/wx/callback/" + APP, "retry", true));

        assertThat(report.path("deliveries")).as(report.toString()).hasSize(2);
        assertThat(report.path("deliveries").get(0).path("status").asInt()).isEqualTo(504);
        JsonNode retried = report.path("deliveries").get(1);
        assertThat(retried.path("status").asInt()).isEqualTo(200);
        assertThat(retried.path("reply").asString()).contains("echo: hi oRetry1");
        assertThat(retried.path("replySignatureValid").asBoolean()).isTrue();
        assertThat(PROXY.forwarded.get()).isEqualTo(2);
        assertThat(callbackLog.recent(1000))
                .filteredOn(entry -> entry.openId().equals(Optional.of("oRetry1")))
                .extracting(CallbackLog.Entry::outcome)
                .containsExactlyInAnyOrder(CallbackLog.Outcome.HANDLED, CallbackLog.Outcome.DUPLICATE);
    }

    private Map<String, Object> adminForm(String token, String key) {
        Map<String, Object> form = new LinkedHashMap<>();
        form.put("url", "http://127.0.0.1:" + port + "/wx/callback/" + APP);
        form.put("token", token);
        form.put("encodingAesKey", key);
        form.put("mode", "safe");
        form.put("format", "xml");
        return form;
    }

    private static Map<String, Object> text(String sender, long msgId) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("ToUserName", "gh_97417a04a28d");
        message.put("FromUserName", sender);
        message.put("CreateTime", System.currentTimeMillis() / 1000);
        message.put("MsgType", "text");
        message.put("Content", "hi " + sender);
        message.put("MsgId", msgId);
        return message;
    }

    /** The sandbox decrypts the reply with the key it sealed the push with: readable means sealed under that key. */
    private static void assertRepliedUnderThePushsKey(JsonNode report, String sender) {
        assertThat(report.path("status").asInt()).as(report.toString()).isEqualTo(200);
        assertThat(report.path("replySignatureValid").asBoolean())
                .as(report.toString())
                .isTrue();
        assertThat(report.path("reply").asString()).contains("echo: hi " + sender);
    }

    /** A push with the app's saved admin settings, {@code overrides} on top. */
    private JsonNode push(String app, Map<String, Object> message, Map<String, Object> overrides) throws Exception {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("message", message);
        if (overrides != null) {
            request.putAll(overrides);
        }
        return control("POST", app + "/push", request);
    }

    private JsonNode control(String method, String path, Map<String, Object> body) throws Exception {
        HttpResponse<String> answer = HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/_sandbox/apps/" + path))
                        .header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return JSON.readTree(answer.body());
    }

    /** A reverse proxy to wxgate that forwards every request and answers the first {@code toLose} with a 504. */
    static final class LossyProxy {
        final HttpServer server;
        final AtomicInteger toLose = new AtomicInteger();
        final AtomicInteger forwarded = new AtomicInteger();
        volatile int wxgatePort;

        private LossyProxy(HttpServer server) {
            this.server = server;
        }

        static LossyProxy start() {
            try {
                HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
                LossyProxy proxy = new LossyProxy(server);
                server.createContext("/", exchange -> {
                    byte[] body;
                    try (InputStream in = exchange.getRequestBody()) {
                        body = in.readAllBytes();
                    }
                    HttpResponse<byte[]> answer;
                    try {
                        answer = HTTP.send(
                                HttpRequest.newBuilder(URI.create(
                                                "http://127.0.0.1:" + proxy.wxgatePort + exchange.getRequestURI()))
                                        .header(
                                                "Content-Type",
                                                exchange.getRequestHeaders().getFirst("Content-Type"))
                                        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                                        .build(),
                                HttpResponse.BodyHandlers.ofByteArray());
                    } catch (InterruptedException interrupted) {
                        Thread.currentThread().interrupt();
                        throw new IOException(interrupted);
                    }
                    proxy.forwarded.incrementAndGet();
                    boolean lose = proxy.toLose.getAndUpdate(left -> Math.max(0, left - 1)) > 0;
                    byte[] reply = lose ? "gateway timeout".getBytes(StandardCharsets.UTF_8) : answer.body();
                    exchange.sendResponseHeaders(lose ? 504 : answer.statusCode(), reply.length);
                    exchange.getResponseBody().write(reply);
                    exchange.close();
                });
                server.start();
                return proxy;
            } catch (IOException failure) {
                throw new IllegalStateException("the test proxy cannot listen", failure);
            }
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort();
        }
    }
}
