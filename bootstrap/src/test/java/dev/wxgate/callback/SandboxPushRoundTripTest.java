package dev.wxgate.callback;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wxgate.domain.callback.CallbackLog;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The round trip: the embedded sandbox pushes to the running wxgate's own callback endpoint as WeChat would,
 * in every mode and format, signed and encrypted; wxgate verifies, decrypts, deduplicates and answers a passive
 * reply encrypted the same way, which the sandbox verifies and decrypts.
 */
@SpringBootTest(
        classes = dev.wxgate.bootstrap.WxgateApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "wxgate.callbacks.echo-text=true")
@ActiveProfiles("test")
class SandboxPushRoundTripTest {
    private static final String APP = "wxa1b2c3d4e5f60002";
    private static final String TOKEN = "wxgatesandbox";
    private static final String AES_KEY = "wxgateSandboxEncodingAesKey0123456789abcdeg";

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Autowired
    CallbackLog callbackLog;

    private JsonNode push(String mode, String format, String content, long msgId, int repeat) throws Exception {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("ToUserName", "gh_97417a04a28d");
        message.put("FromUserName", "oPush" + msgId);
        message.put("CreateTime", System.currentTimeMillis() / 1000);
        message.put("MsgType", "text");
        message.put("Content", content);
        message.put("MsgId", msgId);
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("url", "http://127.0.0.1:" + port + "/wx/callback/" + APP);
        request.put("token", TOKEN);
        request.put("encodingAesKey", AES_KEY);
        request.put("mode", mode);
        request.put("format", format);
        request.put("message", message);
        request.put("repeat", repeat);
        HttpResponse<String> answer = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/_sandbox/apps/" + APP + "/push"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(request)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return json.readTree(answer.body());
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "plaintext, xml, 1001",
        "plaintext, json, 1002",
        "compatible, xml, 1003",
        "compatible, json, 1004",
        "safe, xml, 1005",
        "safe, json, 1006"
    })
    void everyModeAndFormatRoundTripsAndARetryGetsTheSameReply(String mode, String format, long msgId)
            throws Exception {
        JsonNode report = push(mode, format, "hello " + mode + " " + format, msgId, 3);

        assertThat(report.path("status").asInt()).as(report.toString()).isEqualTo(200);
        assertThat(report.path("reply").asString()).contains("echo: hello " + mode + " " + format);
        if (!mode.equals("plaintext")) {
            assertThat(report.path("replySignatureValid").asBoolean())
                    .as("the reply is encrypted and signed as the message came")
                    .isTrue();
            assertThat(report.path("rawReply").asString()).contains("Encrypt").doesNotContain("echo: hello");
        }
        assertThat(callbackLog.recent(1000).stream()
                        .filter(entry -> entry.openId().equals(Optional.of("oPush" + msgId)))
                        .map(CallbackLog.Entry::outcome))
                .as("three deliveries of one message: handled once, two duplicates")
                .containsExactlyInAnyOrder(
                        CallbackLog.Outcome.HANDLED, CallbackLog.Outcome.DUPLICATE, CallbackLog.Outcome.DUPLICATE);
        JsonNode deliveries = report.path("deliveries");
        assertThat(deliveries.size()).isEqualTo(3);
        for (int retry = 1; retry < 3; retry++) {
            assertThat(deliveries.get(retry).path("status").asInt()).isEqualTo(200);
            assertThat(deliveries.get(retry).path("reply").asString())
                    .as("WeChat's retry of the same message is answered like the first, not handled again")
                    .contains("echo: hello " + mode + " " + format);
        }
    }
}
