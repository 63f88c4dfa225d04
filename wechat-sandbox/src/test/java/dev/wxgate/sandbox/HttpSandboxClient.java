package dev.wxgate.sandbox;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Test client: plain JDK HTTP against a running sandbox, answers parsed as JSON where they are JSON. */
final class HttpSandboxClient {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newHttpClient();
    private final String base;

    /** The answer: status, headers and body (JSON, or null when empty or not JSON). */
    record Reply(int status, String contentType, String raw, JsonNode json) {
        int errcode() {
            return json.path("errcode").asInt();
        }

        String text(String field) {
            return json.path(field).asString();
        }
    }

    HttpSandboxClient(int port) {
        this.base = "http://localhost:" + port;
    }

    Reply get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    Reply get(String path, Map<String, String> query) {
        return get(path + "?" + query(query));
    }

    Reply send(String method, String path, String body) {
        return send(HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body == null ? "" : body)));
    }

    Reply send(String method, String path, String body, String contentType) {
        return send(HttpRequest.newBuilder(uri(path))
                .header("Content-Type", contentType)
                .method(method, HttpRequest.BodyPublishers.ofString(body)));
    }

    Reply post(String path, String body) {
        return send("POST", path, body);
    }

    Reply send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            String raw = response.body();
            JsonNode json = null;
            if (raw != null && !raw.isBlank()) {
                try {
                    json = JSON.readTree(raw);
                } catch (RuntimeException notJson) {
                    json = null;
                }
            }
            return new Reply(
                    response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(""),
                    raw,
                    json);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    URI uri(String path) {
        return URI.create(base + path);
    }

    static String query(Map<String, String> params) {
        return params.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    static String json(Object value) {
        return JSON.writeValueAsString(value);
    }
}
