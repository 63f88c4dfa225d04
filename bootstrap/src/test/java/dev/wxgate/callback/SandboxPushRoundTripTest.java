package dev.wxgate.callback;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wxgate.domain.callback.CallbackLog;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;

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
    private static final String APP = SandboxPushTool.APP;
    private static final String TOKEN = SandboxPushTool.TOKEN;
    private static final String AES_KEY = SandboxPushTool.AES_KEY;

    @LocalServerPort
    int port;

    @Autowired
    CallbackLog callbackLog;

    private JsonNode push(String mode, String format, String content, long msgId, int repeat) throws Exception {
        return SandboxPushTool.push(port, mode, format, "oPush" + msgId, content, msgId, repeat);
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
