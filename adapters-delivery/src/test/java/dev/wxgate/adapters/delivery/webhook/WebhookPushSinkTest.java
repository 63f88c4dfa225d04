package dev.wxgate.adapters.delivery.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.wxgate.adapters.delivery.DeliveryBody;
import dev.wxgate.domain.app.AppId;
import dev.wxgate.domain.callback.MessageFormat;
import dev.wxgate.domain.callback.PassiveReply;
import dev.wxgate.domain.delivery.DeliveryId;
import dev.wxgate.domain.delivery.ForwardSettings;
import dev.wxgate.domain.delivery.Forwarding;
import dev.wxgate.domain.delivery.PushSink.Outcome;
import dev.wxgate.domain.delivery.StoredPush;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/** The webhook sink against a real HTTP server on a free port: what it sends, and how every failure is told. */
class WebhookPushSinkTest {
    private static final AppId APP = AppId.of("wx0123456789abcdef");
    private static final String SECRET = "whsec-0123456789-do-not-log";
    private static final Instant NOW = Instant.parse("2026-05-01T00:00:00Z");
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    /** What the receiver saw of one request. */
    record Received(Map<String, List<String>> headers, byte[] body) {
        String header(String name) {
            return headers.entrySet().stream()
                    .filter(entry -> entry.getKey().equalsIgnoreCase(name))
                    .map(entry -> entry.getValue().getFirst())
                    .findFirst()
                    .orElse(null);
        }
    }

    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private volatile Consumer<HttpExchange> answer = exchange -> respond(exchange, 204, "");
    private HttpServer server;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/hook", exchange -> {
            received.add(new Received(
                    Map.copyOf(exchange.getRequestHeaders()),
                    exchange.getRequestBody().readAllBytes()));
            answer.accept(exchange);
        });
        server.start();
        Logger logger = (Logger) LoggerFactory.getLogger(WebhookPushSink.class);
        logger.setLevel(Level.DEBUG);
        logs.start();
        logger.addAppender(logs);
    }

    @AfterEach
    void stop() {
        release.countDown();
        server.stop(0);
        ((Logger) LoggerFactory.getLogger(WebhookPushSink.class)).detachAppender(logs);
    }

    private URI hook() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook?token=query-secret");
    }

    private static WebhookPushSink sink(URI url) {
        JsonMapper json = JsonMapper.builder().build();
        Forwarding forwarding = new Forwarding(Map.of(
                APP,
                new ForwardSettings(Optional.of(new ForwardSettings.Webhook(url, SECRET)), false, Optional.empty())));
        return new WebhookPushSink(
                forwarding,
                new DeliveryBody(json),
                new WebhookReplies(json),
                WebhookPushSink.httpClient(Duration.ofSeconds(2)),
                Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static StoredPush push() {
        return new StoredPush(
                DeliveryId.random(),
                APP,
                "msg:1",
                "text",
                Optional.empty(),
                MessageFormat.XML,
                "<xml><Content><![CDATA[hi]]></Content></xml>",
                "{\"Content\":\"hi\"}",
                NOW.minusSeconds(3));
    }

    private static void respond(HttpExchange exchange, int status, String body) {
        try (exchange) {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                exchange.getResponseBody().write(bytes);
            }
        } catch (IOException gone) {
            // The client gave up: nothing to answer.
        }
    }

    /** The README's signature check for receivers, in Java: keep the two the same. */
    static boolean verify(String secret, String timestamp, byte[] body, String signature) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
        byte[] expected =
                ("sha256=" + java.util.HexFormat.of().formatHex(mac.doFinal(body))).getBytes(StandardCharsets.UTF_8);
        boolean fresh = Math.abs(System.currentTimeMillis() / 1000 - Long.parseLong(timestamp)) <= 300;
        return fresh && MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aPushIsPostedAsSignedJsonWithItsDeliveryId() throws Exception {
        StoredPush push = push();

        Outcome outcome = sink(hook()).deliver(push, 1, TIMEOUT);

        assertThat(outcome).isEqualTo(new Outcome.Delivered(Optional.empty()));
        assertThat(received).hasSize(1);
        Received request = received.getFirst();
        assertThat(request.header("Content-Type")).isEqualTo("application/json");
        assertThat(request.header("User-Agent")).isEqualTo(WebhookPushSink.USER_AGENT);
        assertThat(request.header("X-Wxgate-Delivery-Id")).isEqualTo(push.id().value());
        assertThat(request.header("X-Wxgate-Attempt")).isEqualTo("1");
        assertThat(request.header("X-Wxgate-Timestamp")).isEqualTo(Long.toString(NOW.getEpochSecond()));
        assertThat(request.body())
                .isEqualTo(new DeliveryBody(JsonMapper.builder().build()).of(push));
        assertThat(request.header("X-Wxgate-Signature"))
                .isEqualTo(WebhookSignature.of(SECRET, NOW.getEpochSecond(), request.body()));
        // The receiver's own check (the README's), independent of WebhookSignature; its clock is today's.
        long today = System.currentTimeMillis() / 1000;
        byte[] body = request.body();
        assertThat(verify(SECRET, Long.toString(today), body, WebhookSignature.of(SECRET, today, body)))
                .isTrue();
        assertThat(verify(SECRET, Long.toString(today), body, WebhookSignature.of("another-secret-0123", today, body)))
                .isFalse();
        assertThat(verify(SECRET, Long.toString(NOW.getEpochSecond()), body, request.header("X-Wxgate-Signature")))
                .as("signed right, but its timestamp is not fresh today")
                .isFalse();
        byte[] tampered = body.clone();
        tampered[tampered.length - 2] ^= 1;
        assertThat(verify(SECRET, Long.toString(today), tampered, WebhookSignature.of(SECRET, today, body)))
                .isFalse();
    }

    @Test
    void everyAttemptCarriesTheSameDeliveryIdAndItsOwnNumber() {
        StoredPush push = push();
        answer = exchange -> respond(exchange, 500, "");
        WebhookPushSink sink = sink(hook());

        sink.deliver(push, 1, TIMEOUT);
        sink.deliver(push, 2, TIMEOUT);
        answer = exchange -> respond(exchange, 200, "");
        sink.deliver(push, 3, TIMEOUT);

        assertThat(received)
                .extracting(request -> request.header("X-Wxgate-Delivery-Id"))
                .containsOnly(push.id().value())
                .hasSize(3);
        assertThat(received)
                .extracting(request -> request.header("X-Wxgate-Attempt"))
                .containsExactly("1", "2", "3");
    }

    @Test
    void aNon2xxAnswerFailsWithItsStatus() {
        answer = exchange -> respond(exchange, 500, "{\"error\":\"boom\"}");

        assertThat(sink(hook()).deliver(push(), 1, TIMEOUT)).isEqualTo(new Outcome.Failed("http 500"));
    }

    @Test
    void aRedirectIsNotFollowed() {
        answer = exchange -> {
            exchange.getResponseHeaders().add("Location", "http://127.0.0.1:9/elsewhere");
            respond(exchange, 302, "");
        };

        assertThat(sink(hook()).deliver(push(), 1, TIMEOUT)).isEqualTo(new Outcome.Failed("http 302"));
        assertThat(received).hasSize(1);
    }

    @Test
    void aHangingWebhookFailsAsATimeout() {
        answer = exchange -> {
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException stopped) {
                Thread.currentThread().interrupt();
            }
            respond(exchange, 200, "");
        };

        assertThat(sink(hook()).deliver(push(), 1, Duration.ofMillis(300))).isEqualTo(new Outcome.Failed("timeout"));
    }

    @Test
    void aRefusedConnectionFailsAsRefused() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }

        Outcome outcome =
                sink(URI.create("http://127.0.0.1:" + closed + "/hook")).deliver(push(), 1, TIMEOUT);

        assertThat(outcome).isEqualTo(new Outcome.Failed("connection refused"));
    }

    @Test
    void aReplyInA2xxAnswerIsTheOutcomesReply() {
        answer = exchange -> respond(exchange, 200, "{\"reply\":{\"type\":\"text\",\"content\":\"hello back\"}}");

        assertThat(sink(hook()).deliver(push(), 1, TIMEOUT))
                .isEqualTo(new Outcome.Delivered(Optional.of(PassiveReply.text("hello back"))));
    }

    @Test
    void aMalformedReplyIsDeliveredWithoutReply() {
        answer = exchange -> respond(exchange, 200, "{\"reply\":{\"type\":\"text\",\"contnet\":\"typo\"}}");

        assertThat(sink(hook()).deliver(push(), 1, TIMEOUT)).isEqualTo(new Outcome.Delivered(Optional.empty()));
        assertThat(logs.list)
                .anySatisfy(line -> assertThat(line.getFormattedMessage()).contains("malformed"));
    }

    @Test
    void anOversizedAnswerIsDeliveredWithoutReply() {
        answer = exchange -> respond(exchange, 200, "x".repeat(WebhookPushSink.MAX_ANSWER_BYTES + 10));

        assertThat(sink(hook()).deliver(push(), 1, TIMEOUT)).isEqualTo(new Outcome.Delivered(Optional.empty()));
    }

    @Test
    void noLogLineHoldsTheSecretTheUrlsQueryOrTheMessage() throws IOException {
        StoredPush push = push();
        answer = exchange -> respond(exchange, 500, "");
        sink(hook()).deliver(push, 1, TIMEOUT);
        answer = exchange -> respond(exchange, 200, "{\"reply\":{\"type\":\"text\",\"contnet\":\"" + SECRET + "\"}}");
        sink(hook()).deliver(push, 2, TIMEOUT);
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        sink(URI.create("http://127.0.0.1:" + closed + "/hook?token=query-secret"))
                .deliver(push, 3, TIMEOUT);

        assertThat(logs.list).hasSizeGreaterThanOrEqualTo(3);
        assertThat(logs.list).allSatisfy(line -> assertThat(line.getFormattedMessage())
                .contains(push.id().value())
                .doesNotContain(SECRET, "query-secret", "/hook", "hi"));
    }
}
