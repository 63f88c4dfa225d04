package dev.wxgate.adapters.delivery.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.wxgate.domain.alert.AlertKey;
import dev.wxgate.domain.alert.AlertKind;
import dev.wxgate.domain.alert.AlertMessage;
import dev.wxgate.domain.alert.AlertNotSentException;
import dev.wxgate.domain.app.AppId;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The alert webhook sender against a real HTTP server: the signed body, and failures told without the URL. */
class WebhookAlertSinkTest {
    private static final String SECRET = "alert-secret-0123456789-do-not-log";
    private static final Instant NOW = Instant.parse("2026-05-01T00:00:00Z");
    private static final AlertMessage MESSAGE = new AlertMessage(
            AlertKey.of(AlertKind.BAD_CREDENTIALS, AppId.of("wx0123456789abcdef")),
            AlertMessage.Status.FIRING,
            "WeChat refuses the access_token refresh of app wx0123456789abcdef",
            NOW.minusSeconds(30),
            NOW.minusSeconds(30));

    record Received(String timestamp, String signature, String alertId, byte[] body) {}

    private final List<Received> received = new CopyOnWriteArrayList<>();
    private volatile int status = 204;
    private HttpServer server;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/alerts", exchange -> {
            try (exchange) {
                received.add(new Received(
                        exchange.getRequestHeaders().getFirst("X-Wxgate-Timestamp"),
                        exchange.getRequestHeaders().getFirst("X-Wxgate-Signature"),
                        exchange.getRequestHeaders().getFirst("X-Wxgate-Alert-Id"),
                        exchange.getRequestBody().readAllBytes()));
                exchange.sendResponseHeaders(status, -1);
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private static WebhookAlertSink sink(URI url) {
        return new WebhookAlertSink(
                url,
                SECRET,
                WebhookPushSink.httpClient(Duration.ofSeconds(2)),
                JsonMapper.builder().build(),
                Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/alerts?token=query-credential");
    }

    @Test
    void sendsTheMessageSignedWithTheAlertSecret() throws Exception {
        sink(url()).send(MESSAGE, Duration.ofSeconds(5));

        Received got = received.getFirst();
        assertThat(got.signature()).isEqualTo(WebhookSignature.of(SECRET, Long.parseLong(got.timestamp()), got.body()));
        assertThat(got.alertId()).isEqualTo(MESSAGE.id());
        JsonNode body = JsonMapper.builder().build().readTree(got.body());
        assertThat(body.path("alert").asString()).isEqualTo("bad_credentials");
        assertThat(body.path("app").asString()).isEqualTo("wx0123456789abcdef");
        assertThat(body.path("status").asString()).isEqualTo("firing");
        assertThat(body.path("summary").asString()).contains("refuses");
        assertThat(body.path("since").asString()).isEqualTo("2026-04-30T23:59:30Z");
        assertThat(body.path("at").asString()).isEqualTo("2026-04-30T23:59:30Z");
    }

    @Test
    void aServerErrorIsNotTaken() {
        status = 503;

        assertThatThrownBy(() -> sink(url()).send(MESSAGE, Duration.ofSeconds(5)))
                .isInstanceOf(AlertNotSentException.class)
                .hasMessage("http 503");
    }

    @Test
    void aRefusedConnectionIsToldWithoutTheUrl() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        URI nobody = URI.create("http://127.0.0.1:" + closed + "/alerts?token=query-credential");

        assertThatThrownBy(() -> sink(nobody).send(MESSAGE, Duration.ofSeconds(5)))
                .isInstanceOf(AlertNotSentException.class)
                .hasMessage("connection refused");
        assertThat(sink(nobody).toString()).doesNotContain("query-credential").doesNotContain(SECRET);
    }
}
