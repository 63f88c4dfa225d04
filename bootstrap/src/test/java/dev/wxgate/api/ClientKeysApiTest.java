package dev.wxgate.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wxgate.bootstrap.WxgateApplication;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Client keys as configured: the single {@code key-sha256} form still works beside a client in rotation, whose
 * {@code keys} each work until their {@code not-after}; a key past it is told {@code client_key_expired}, and a key that
 * expires soon is on the metrics.
 */
@SpringBootTest(classes = WxgateApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class ClientKeysApiTest {
    private static final String LEGACY = "legacy-client-key-0123456789abcdefgh";
    private static final String OLD = "rotating-old-key-0123456789abcdefghij";
    private static final String CURRENT = "rotating-current-key-0123456789abcdef";
    private static final String NEW = "rotating-new-key-0123456789abcdefghij";
    private static final String TOKEN = "/internal/v1/apps/" + ApiClient.MINI_PROGRAM + "/access-token";

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void clients(DynamicPropertyRegistry registry) {
        registry.add("wxgate.clients[0].id", () -> "legacy");
        registry.add("wxgate.clients[0].key-sha256", () -> sha256(LEGACY));
        registry.add("wxgate.clients[0].apps", () -> "*");
        registry.add("wxgate.clients[1].id", () -> "rotating");
        registry.add("wxgate.clients[1].keys[0].sha256", () -> sha256(OLD));
        registry.add("wxgate.clients[1].keys[0].not-after", () -> "2020-01-01T00:00:00Z");
        registry.add("wxgate.clients[1].keys[1].sha256", () -> sha256(CURRENT));
        registry.add(
                "wxgate.clients[1].keys[1].not-after",
                () -> Instant.now().plus(Duration.ofDays(3)).toString());
        registry.add("wxgate.clients[1].keys[2].sha256", () -> sha256(NEW));
        registry.add("wxgate.clients[1].apps", () -> "*");
    }

    @Test
    void theSingleKeyFormAndEveryValidKeyOfAClientInRotationWork() {
        ApiClient api = new ApiClient(port);

        for (String key : new String[] {LEGACY, CURRENT, NEW}) {
            ApiClient.Answer answer = api.get(TOKEN, key);
            assertThat(answer.status()).as(answer.body()).isEqualTo(200);
            assertThat(answer.text("accessToken")).isNotBlank();
        }
    }

    @Test
    void aKeyPastItsNotAfterIs401ClientKeyExpired() {
        ApiClient api = new ApiClient(port);

        ApiClient.Answer expired = api.get(TOKEN, OLD);
        ApiClient.Answer unknown = api.get(TOKEN, "never-configured-key-0123456789abcd");

        assertThat(expired.status()).isEqualTo(401);
        assertThat(expired.text("error")).isEqualTo("client_key_expired");
        assertThat(unknown.status()).isEqualTo(401);
        assertThat(unknown.text("error")).isEqualTo("invalid_client_key");
    }

    @Test
    void keysWithANotAfterAreOnTheMetrics() {
        String metrics = new ApiClient(port)
                .get("/actuator/prometheus", "wxgate-test-metrics-key")
                .body();

        assertThat(metrics)
                .contains("wxgate_clients_key_expires_in_seconds{client=\"rotating\",key=\""
                        + sha256(CURRENT).substring(0, 8) + "\"}")
                .contains("key=\"" + sha256(OLD).substring(0, 8) + "\"")
                .doesNotContain(sha256(NEW).substring(0, 8));
    }

    private static String sha256(String key) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
