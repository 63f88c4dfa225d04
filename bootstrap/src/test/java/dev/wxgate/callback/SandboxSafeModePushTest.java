package dev.wxgate.callback;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wxgate.domain.callback.CallbackLog;
import dev.wxgate.domain.callback.CallbackRejectedException.Reason;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A sandbox app pinned to safe mode in wxgate ({@code callback.mode=safe}), pushed to through the sandbox's push tool
 * as WeChat would: encrypted pushes round-trip, a plaintext one (what a downgrade looks like) is refused and recorded.
 */
@SpringBootTest(
        classes = dev.wxgate.bootstrap.WxgateApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "wxgate.sandbox.enabled=true",
            "wxgate.apps[0].app-id=" + SandboxSafeModePushTest.APP,
            "wxgate.apps[0].secret=5a4d0b0c1e2f3a4b5c6d7e8f90a10002",
            "wxgate.apps[0].type=official-account",
            "wxgate.apps[0].callback.token=" + SandboxSafeModePushTest.TOKEN,
            "wxgate.apps[0].callback.encoding-aes-key=" + SandboxSafeModePushTest.AES_KEY,
            "wxgate.apps[0].callback.mode=safe",
            "wxgate.callbacks.echo-text=true"
        })
@ActiveProfiles("test")
class SandboxSafeModePushTest {
    /** The sandbox's default official account, with its documented development callback settings. */
    static final String APP = SandboxPushTool.APP;

    static final String TOKEN = SandboxPushTool.TOKEN;
    static final String AES_KEY = SandboxPushTool.AES_KEY;

    private final JsonMapper json = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Autowired
    CallbackLog callbackLog;

    private JsonNode push(String mode, String format, String content, long msgId) throws Exception {
        return SandboxPushTool.push(port, mode, format, "oSafe" + msgId, content, msgId, null);
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"safe, xml, 2001", "safe, json, 2002", "compatible, xml, 2003", "compatible, json, 2004"})
    void encryptedPushesRoundTrip(String mode, String format, long msgId) throws Exception {
        JsonNode report = push(mode, format, "hello " + mode + " " + format, msgId);

        assertThat(report.path("status").asInt()).as(report.toString()).isEqualTo(200);
        assertThat(report.path("reply").asString()).contains("echo: hello " + mode + " " + format);
        assertThat(report.path("replySignatureValid").asBoolean()).isTrue();
    }

    @Test
    void aPlaintextPushIsRefusedAndRecorded() throws Exception {
        JsonNode report = push("plaintext", "xml", "downgraded", 2005);

        assertThat(report.path("status").asInt()).as(report.toString()).isEqualTo(400);
        assertThat(json.readTree(report.path("rawReply").asString())
                        .path("error")
                        .asString())
                .isEqualTo("encryption_required");
        assertThat(callbackLog.recent(1000))
                .filteredOn(entry -> entry.outcome() == CallbackLog.Outcome.REJECTED)
                .extracting(CallbackLog.Entry::reason)
                .contains(Optional.of(Reason.ENCRYPTION_REQUIRED));
        assertThat(callbackLog.recent(1000)).noneMatch(entry -> entry.openId().equals(Optional.of("oSafe2005")));
    }
}
