package dev.wxgate.api;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A small HTTP client for end-to-end tests: wxgate's API and the embedded sandbox's control API. */
final class ApiClient {
    static final String MINI_PROGRAM = "wxa1b2c3d4e5f60001";
    static final String OFFICIAL_ACCOUNT = "wxa1b2c3d4e5f60002";

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();
    private final String base;

    ApiClient(int port) {
        this.base = "http://localhost:" + port;
    }

    record Answer(int status, String body, java.net.http.HttpHeaders headers, JsonNode json) {
        String text(String field) {
            return json.path(field).asString();
        }
    }

    Answer send(String method, String path, String token, String contentType, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode node;
            try {
                node = response.body().isEmpty() ? json.nullNode() : json.readTree(response.body());
            } catch (RuntimeException notJson) {
                node = json.nullNode();
            }
            return new Answer(response.statusCode(), response.body(), response.headers(), node);
        } catch (Exception failed) {
            throw new IllegalStateException(failed);
        }
    }

    Answer get(String path, String token) {
        return send("GET", path, token, null, null);
    }

    Answer post(String path, String token, Object body) {
        return send("POST", path, token, "application/json", json.writeValueAsString(body));
    }

    Answer delete(String path, String token) {
        return send("DELETE", path, token, null, null);
    }

    String loginCode(String openid) {
        return loginCode(MINI_PROGRAM, openid);
    }

    String loginCode(String appId, String openid) {
        return post("/_sandbox/apps/" + appId + "/users/" + openid + "/login-code", null, Map.of())
                .text("code");
    }

    Answer logIn(String openid) {
        return post("/api/v1/login", null, Map.of("code", loginCode(openid)));
    }
}
