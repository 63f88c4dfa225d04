package dev.wxgate.console;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the browser tests do beside the browser, over plain HTTP: the built-in sandbox's control API (login codes,
 * pushes), the mini-program API as a phone would call it, and the internal token API as a backend would.
 */
final class Backend {
    static final String MINI_PROGRAM = "wxa1b2c3d4e5f60001";
    static final String OFFICIAL_ACCOUNT = "wxa1b2c3d4e5f60002";
    /** The sandbox apps' development callback settings (public, see the README). */
    static final String CALLBACK_TOKEN = "wxgatesandbox";

    static final String CALLBACK_AES_KEY = "wxgateSandboxEncodingAesKey0123456789abcdeg";

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final String base;

    Backend(int port) {
        this.base = "http://localhost:" + port;
    }

    String base() {
        return base;
    }

    record Answer(int status, String body, JsonNode json) {
        String text(String field) {
            return json.path(field).asString();
        }
    }

    Answer send(String method, String path, String bearer, Object body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(30))
                .method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode json;
            try {
                json = response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body());
            } catch (RuntimeException notJson) {
                json = JSON.nullNode();
            }
            return new Answer(response.statusCode(), response.body(), json);
        } catch (IOException unreachable) {
            throw new IllegalStateException(method + " " + path + " failed: " + unreachable, unreachable);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", interrupted);
        }
    }

    /** A mini-program user's {@code wx.login()} then {@code POST /api/v1/login}: the session's bearer token. */
    String logIn(String openid) {
        Answer code =
                send("POST", "/_sandbox/apps/" + MINI_PROGRAM + "/users/" + openid + "/login-code", null, Map.of());
        Answer login = send("POST", "/api/v1/login", null, Map.of("code", code.text("code")));
        if (login.status() != 200) {
            throw new IllegalStateException("login of " + openid + " answered " + login.status() + ": " + login.body());
        }
        return login.text("token");
    }

    int me(String bearer) {
        return send("GET", "/api/v1/me", bearer, null).status();
    }

    /** The app's access_token through the internal API, as a backend with a client key gets it. */
    Answer accessToken(String appId, String clientKey) {
        return send("GET", "/internal/v1/apps/" + appId + "/access-token", clientKey, null);
    }

    /** The sandbox pushes a text message to wxgate's callback endpoint, signed and encrypted with {@code token}. */
    Answer pushText(String appId, String token, String from, long msgId, String content) {
        Map<String, Object> message = Map.of(
                "ToUserName",
                "gh_97417a04a28d",
                "FromUserName",
                from,
                "CreateTime",
                System.currentTimeMillis() / 1000,
                "MsgType",
                "text",
                "Content",
                content,
                "MsgId",
                msgId);
        return send(
                "POST",
                "/_sandbox/apps/" + appId + "/push",
                null,
                Map.of(
                        "url",
                        base + "/wx/callback/" + appId,
                        "token",
                        token,
                        "encodingAesKey",
                        CALLBACK_AES_KEY,
                        "mode",
                        "safe",
                        "format",
                        "xml",
                        "message",
                        message));
    }
}
