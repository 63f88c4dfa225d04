package dev.wxgate.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.wxgate.domain.alert.AlertKey;
import dev.wxgate.domain.alert.AlertKind;
import dev.wxgate.domain.alert.AlertStates;
import dev.wxgate.domain.app.AppId;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * The alert webhook end to end on the embedded default (memory store, the built-in sandbox as WeChat): the sandbox
 * answers the token refresh "40125 invalid appsecret", the receiver gets one signed firing message, and one resolved
 * message once the fault is cleared and a refresh succeeds; a receiver that is down gets the message once it is up.
 */
@ExtendWith(OutputCaptureExtension.class)
class AlertWebhookTest {
    static final String KEY = "orders-backend-key-0123456789abcdef";
    static final String KEY_SHA256 = "bf3c0e95c45a1778eac2428c82cb1efbe57f5de213bc9a461f6ef276f3a1c007";
    static final String SECRET = "alert-webhook-secret-0123456789";
    static final String APP = "wxa1b2c3d4e5f60001";
    static final Duration PATIENCE = Duration.ofSeconds(30);

    static Map<String, Object> properties(AlertReceiver receiver) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("wxgate.clients[0].id", "orders");
        properties.put("wxgate.clients[0].key-sha256", KEY_SHA256);
        properties.put("wxgate.clients[0].apps", "*");
        properties.put("wxgate.alerts.webhook.url", receiver.url());
        properties.put("wxgate.alerts.webhook.secret", SECRET);
        properties.put("wxgate.alerts.check-interval", "200ms");
        properties.put("wxgate.alerts.backoff-base", "100ms");
        properties.put("wxgate.alerts.backoff-cap", "400ms");
        // The pause after refused credentials: short, so the test's refresh after the fix is not held back.
        properties.put("wxgate.token.credentials-backoff", "300ms");
        return properties;
    }

    static void refuseCredentials(java.net.URI sandbox) {
        Http.Answer set =
                Http.send("PUT", sandbox.resolve("/_sandbox/faults/cgi-bin/stable_token"), null, "{\"errcode\":40125}");
        assertThat(set.status()).as(set.body()).isEqualTo(200);
    }

    static void acceptCredentials(java.net.URI sandbox) {
        assertThat(Http.send("DELETE", sandbox.resolve("/_sandbox/faults"), null, null)
                        .status())
                .isEqualTo(200);
    }

    @Test
    void refusedCredentialsFireOnceSignedAndResolveOnceWhenFixed(CapturedOutput output) {
        try (AlertReceiver receiver = new AlertReceiver(SECRET).start();
                WxgateNode node = new WxgateNode(properties(receiver), KEY)) {
            refuseCredentials(node.baseUrl);
            assertThat(node.token(APP).status()).isEqualTo(503);

            await().atMost(PATIENCE)
                    .until(() -> !receiver.of("bad_credentials", "firing").isEmpty());
            AlertReceiver.Message firing =
                    receiver.of("bad_credentials", "firing").getFirst();
            assertThat(firing.signed()).as("signature verifies").isTrue();
            assertThat(firing.app()).isEqualTo(APP);
            assertThat(firing.body().path("summary").asString()).contains("40125");
            assertThat(firing.body().path("since").asString()).isNotBlank();
            assertThat(firing.body().path("at").asString()).isNotBlank();

            acceptCredentials(node.baseUrl);
            await().atMost(PATIENCE)
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> node.token(APP).status() == 200);
            await().atMost(PATIENCE)
                    .until(() -> !receiver.of("bad_credentials", "resolved").isEmpty()
                            && !receiver.of("token_unavailable", "resolved").isEmpty());

            assertThat(receiver.of("bad_credentials", "firing")).hasSize(1);
            assertThat(receiver.of("bad_credentials", "resolved")).hasSize(1);
            assertThat(receiver.of("token_unavailable", "firing")).hasSize(1);
            assertThat(receiver.messages).allMatch(AlertReceiver.Message::signed);
            assertThat(receiver.of("bad_credentials", "resolved")
                            .getFirst()
                            .body()
                            .path("since")
                            .asString())
                    .isEqualTo(firing.body().path("since").asString());
        }
        assertThat(output.getAll()).doesNotContain(SECRET).doesNotContain("query-credential-never-logged");
    }

    @Test
    void aMessageForAReceiverThatIsDownArrivesOnceItIsUp(CapturedOutput output) {
        AlertReceiver receiver = new AlertReceiver(SECRET); // not started: its port refuses connections
        try (receiver;
                WxgateNode node = new WxgateNode(properties(receiver), KEY)) {
            refuseCredentials(node.baseUrl);
            assertThat(node.token(APP).status()).isEqualTo(503);
            AlertStates states = node.bean(AlertStates.class);
            AlertKey key = AlertKey.of(AlertKind.BAD_CREDENTIALS, AppId.of(APP));
            await().atMost(PATIENCE).until(() -> states.find(key)
                    .map(state -> state.failedAttempts() >= 2)
                    .orElse(false));
            assertThat(states.find(key).orElseThrow().outbox()).hasSize(1);
            assertThat(output.getAll()).contains("did not take the firing message (connection refused");

            receiver.start();

            await().atMost(PATIENCE)
                    .until(() -> !receiver.of("bad_credentials", "firing").isEmpty());
            await().atMost(PATIENCE)
                    .until(() -> states.find(key).orElseThrow().outbox().isEmpty());
            assertThat(receiver.of("bad_credentials", "firing")).hasSize(1);
            assertThat(receiver.of("bad_credentials", "firing").getFirst().signed())
                    .isTrue();
        }
        assertThat(output.getAll()).doesNotContain(SECRET).doesNotContain("query-credential-never-logged");
    }
}
