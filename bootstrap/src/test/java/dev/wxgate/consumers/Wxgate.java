package dev.wxgate.consumers;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** What a mini-program does against wxgate in these tests: log a sandbox user in, get a session JWT, and log out. */
final class Wxgate {
    /** The embedded sandbox's mini-program. */
    static final String MINI_PROGRAM = "wxa1b2c3d4e5f60001";

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final HttpClient http = HttpClient.newHttpClient();
    private final String base;

    Wxgate(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    /** A logged-in user: the session token and who wxgate says the user is. */
    record LoggedIn(String token, long userId, String openid, String unionid) {}

    LoggedIn logIn(String openid) {
        String code = post("/_sandbox/apps/" + MINI_PROGRAM + "/users/" + openid + "/login-code", null, "{}")
                .path("code")
                .asString();
        JsonNode login = post(
                "/api/v1/login", null, JSON.createObjectNode().put("code", code).toString());
        JsonNode user = login.path("user");
        if (login.path("token").asString().isEmpty()) {
            throw new IllegalStateException("login failed: " + login);
        }
        return new LoggedIn(
                login.path("token").asString(),
                user.path("id").asLong(),
                user.path("openid").asString(),
                user.path("unionid").asString());
    }

    /** Trades the session for a short-lived session JWT ({@code POST /api/v1/session/jwt}). */
    String sessionJwt(String token) {
        JsonNode answer = post("/api/v1/session/jwt", token, "{}");
        if (answer.path("jwt").asString().isEmpty()) {
            throw new IllegalStateException("no session JWT: " + answer);
        }
        return answer.path("jwt").asString();
    }

    void logOut(String token) {
        post("/api/v1/logout", token, "{}");
    }

    private JsonNode post(String path, String token, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            String body = http.send(request.build(), HttpResponse.BodyHandlers.ofString())
                    .body();
            return body.isEmpty() ? JSON.nullNode() : JSON.readTree(body);
        } catch (Exception failed) {
            throw new IllegalStateException("POST " + path + " failed", failed);
        }
    }
}
