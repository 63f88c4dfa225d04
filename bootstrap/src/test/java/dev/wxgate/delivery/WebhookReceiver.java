package dev.wxgate.delivery;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.wxgate.adapters.delivery.webhook.WebhookSignature;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A webhook receiver for the end-to-end tests, on a free loopback port: checks each request's signature and counts
 * attempts by delivery id and deliveries by message (MsgId). Paths: {@code /ok} answers as {@link #answer} says
 * (failing the first {@link #failFirst} attempts of each delivery, and every attempt while {@link #down}),
 * {@code /hang} holds every attempt until the receiver is closed.
 */
final class WebhookReceiver implements AutoCloseable {
    static final String SECRET = "e2e-webhook-secret-0123456789";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final CountDownLatch closing = new CountDownLatch(1);

    /** Attempts by delivery id, on {@code /ok}. */
    final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
    /** 2xx answers by MsgId (or delivery id for events). */
    final Map<String, AtomicInteger> delivered = new ConcurrentHashMap<>();
    /** Delivery ids that got a 2xx. */
    final Set<String> succeeded = ConcurrentHashMap.newKeySet();
    /** Attempts of a delivery that had got a 2xx already. */
    final AtomicInteger afterSuccess = new AtomicInteger();

    final AtomicInteger badSignatures = new AtomicInteger();
    /** Attempts held on {@code /hang}, by delivery id. */
    final Map<String, AtomicInteger> hanging = new ConcurrentHashMap<>();

    volatile int failFirst;
    volatile boolean down;
    /** The body of a 200 answer. */
    volatile String answer = "";

    WebhookReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 200);
        server.setExecutor(threads);
        server.createContext("/ok", this::ok);
        server.createContext("/hang", this::hang);
        server.start();
    }

    URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    int deliveredMessages() {
        return delivered.size();
    }

    private void ok(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        if (!signed(exchange, body)) {
            badSignatures.incrementAndGet();
            respond(exchange, 401, "");
            return;
        }
        String id = exchange.getRequestHeaders().getFirst("X-Wxgate-Delivery-Id");
        int attempt =
                attempts.computeIfAbsent(id, unused -> new AtomicInteger()).incrementAndGet();
        if (down || attempt <= failFirst) {
            respond(exchange, 503, "");
            return;
        }
        if (!succeeded.add(id)) {
            afterSuccess.incrementAndGet();
        }
        JsonNode message = JSON.readTree(body).path("message");
        String key = message.hasNonNull("MsgId") ? message.get("MsgId").asString() : id;
        delivered.computeIfAbsent(key, unused -> new AtomicInteger()).incrementAndGet();
        respond(exchange, 200, answer);
    }

    private void hang(HttpExchange exchange) throws IOException {
        exchange.getRequestBody().readAllBytes();
        String id = exchange.getRequestHeaders().getFirst("X-Wxgate-Delivery-Id");
        hanging.computeIfAbsent(id, unused -> new AtomicInteger()).incrementAndGet();
        try {
            closing.await(5, TimeUnit.MINUTES);
        } catch (InterruptedException stopped) {
            Thread.currentThread().interrupt();
        }
        respond(exchange, 503, "");
    }

    private static boolean signed(HttpExchange exchange, byte[] body) {
        String timestamp = exchange.getRequestHeaders().getFirst("X-Wxgate-Timestamp");
        String signature = exchange.getRequestHeaders().getFirst("X-Wxgate-Signature");
        return timestamp != null
                && signature != null
                && signature.equals(WebhookSignature.of(SECRET, Long.parseLong(timestamp), body));
    }

    private static void respond(HttpExchange exchange, int status, String text) {
        try (exchange) {
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                exchange.getResponseBody().write(bytes);
            }
        } catch (IOException gone) {
            // wxgate gave up on this attempt (its timeout): nothing to answer.
        }
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
        threads.shutdownNow();
    }
}
