package dev.wxgate.token;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The people on call's end of the alert webhook: a JDK HTTP server on a port chosen up front, started when the test
 * says (until then the port refuses connections, as a receiver that is down does), which checks each message's
 * signature as the README tells receivers to.
 */
final class AlertReceiver implements AutoCloseable {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** One message as received, and whether its signature verified. */
    record Message(JsonNode body, boolean signed, String alertId) {
        String alert() {
            return body.path("alert").asString();
        }

        String status() {
            return body.path("status").asString();
        }

        String app() {
            return body.path("app").asString();
        }
    }

    private final String secret;
    private final int port;
    final List<Message> messages = new CopyOnWriteArrayList<>();
    private HttpServer server;

    AlertReceiver(String secret) {
        this.secret = secret;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            this.port = free.getLocalPort();
        } catch (IOException none) {
            throw new IllegalStateException("no free port", none);
        }
    }

    /** The URL to configure, with a credential in its query that must never be logged. */
    URI url() {
        return URI.create("http://127.0.0.1:" + port + "/alerts?token=query-credential-never-logged");
    }

    AlertReceiver start() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        } catch (IOException taken) {
            throw new IllegalStateException("cannot listen on " + port, taken);
        }
        server.createContext("/alerts", exchange -> {
            try (exchange) {
                byte[] body = exchange.getRequestBody().readAllBytes();
                String timestamp = exchange.getRequestHeaders().getFirst("X-Wxgate-Timestamp");
                String signature = exchange.getRequestHeaders().getFirst("X-Wxgate-Signature");
                messages.add(new Message(
                        JSON.readTree(body),
                        expected(timestamp, body).equals(signature),
                        exchange.getRequestHeaders().getFirst("X-Wxgate-Alert-Id")));
                exchange.sendResponseHeaders(204, -1);
            }
        });
        server.start();
        return this;
    }

    List<Message> of(String alert, String status) {
        return messages.stream()
                .filter(m -> m.alert().equals(alert) && m.status().equals(status))
                .toList();
    }

    /** HMAC-SHA256 of "timestamp.body", hex, as the README's check does. */
    private String expected(String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(StandardCharsets.US_ASCII));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (NoSuchAlgorithmException | InvalidKeyException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    @Override
    public void close() {
        if (server != null) {
            server.stop(0);
        }
    }
}
