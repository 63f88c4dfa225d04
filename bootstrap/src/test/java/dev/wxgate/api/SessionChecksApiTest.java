package dev.wxgate.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Introspection and forward auth end to end over HTTP, with users logged in through the embedded sandbox: what a
 * live session answers, that logout stops it at once, app scoping, client authentication in every form Spring
 * Security's introspector sends, and bad input of every kind answered with a 4xx or {@code active: false}.
 */
@SpringBootTest(
        classes = dev.wxgate.bootstrap.WxgateApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "wxgate.login.per-client-ip=100000",
            "wxgate.introspection.per-client=40",
            "wxgate.clients[0].id=orders",
            "wxgate.clients[0].key-sha256=6503987a0a953391f7d7d577644496a3c94ce78273a97b16ccc3f9e7dd5c3113",
            "wxgate.clients[0].apps=" + ApiClient.MINI_PROGRAM,
            "wxgate.clients[1].id=ops",
            "wxgate.clients[1].key-sha256=14dd1fbacb0b5760fc3045de77cbe7eaab870bc9a1f39f40130af6e15ab4e1fa",
            "wxgate.clients[1].apps=" + ApiClient.OFFICIAL_ACCOUNT,
            "wxgate.clients[2].id=edge",
            "wxgate.clients[2].key-sha256=7019926131e9bd2ba890e330dd1375242f59cf8791c988b2e7567f3168006bb7",
            "wxgate.clients[2].apps=*",
            "wxgate.clients[3].id=burst",
            "wxgate.clients[3].key-sha256=c9a3c9726c4f797d7dc5c97a1864b01bc1c1bf4707bf957001583f6212a795d5",
            "wxgate.clients[3].apps=*"
        })
@ActiveProfiles("test")
@ExtendWith(OutputCaptureExtension.class)
class SessionChecksApiTest {
    static final String ORDERS_KEY = "orders-introspect-key-0123456789abcdef";
    /** A client of the official account only. */
    static final String OPS_KEY = "ops-introspect-key-0123456789abcdefgh";
    /** A key with the characters form encoding changes, as base64 keys have. */
    static final String EDGE_KEY = "edge+gw/key=0123456789abcdef";

    static final String BURST_KEY = "burst-introspect-key-0123456789abcdef";

    private static final String INTROSPECT = "/internal/v1/sessions/introspect";
    private static final String FORWARD_AUTH = "/internal/v1/forward-auth";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    ApiClient api;

    @BeforeEach
    void client() {
        api = new ApiClient(port);
    }

    record Reply(int status, String body, java.net.http.HttpHeaders headers) {
        JsonNode json() {
            return body.isEmpty() ? JSON.nullNode() : JSON.readTree(body);
        }

        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }
    }

    private Reply send(String method, String path, Map<String, String> headers, String form) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(
                        method,
                        form == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(form));
        if (form != null) {
            request.header("Content-Type", "application/x-www-form-urlencoded");
        }
        headers.forEach(request::header);
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.body(), response.headers());
        } catch (Exception failed) {
            throw new IllegalStateException(failed);
        }
    }

    private static Map<String, String> bearer(String key) {
        return Map.of("Authorization", "Bearer " + key);
    }

    private static Map<String, String> basic(String id, String key) {
        String pair = id + ":" + key;
        return Map.of(
                "Authorization", "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
    }

    private static String form(String token) {
        return "token=" + URLEncoder.encode(token, StandardCharsets.UTF_8) + "&token_type_hint=access_token";
    }

    private Reply introspect(Map<String, String> auth, String token) {
        return send("POST", INTROSPECT, auth, form(token));
    }

    private Reply forwardAuth(String method, String gatewayKey, String authorization) {
        var headers = new java.util.HashMap<String, String>();
        if (gatewayKey != null) {
            headers.put("X-Wxgate-Client-Key", gatewayKey);
        }
        if (authorization != null) {
            headers.put("Authorization", authorization);
        }
        return send(method, FORWARD_AUTH, headers, null);
    }

    private static void assertInactive(Reply reply) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(reply.body()).isEqualTo("{\"active\":false}");
    }

    @Test
    void aLiveSessionIsIntrospectedWithItsIdentityAndLogoutEndsItAtOnce(CapturedOutput output) {
        ApiClient.Answer login = api.logIn("oIntrospected");
        String token = login.text("token");
        JsonNode user = login.json().path("user");
        String sessionId =
                api.get("/api/v1/sessions", token).json().path(0).path("id").asString();

        Reply live = introspect(bearer(ORDERS_KEY), token);

        assertThat(live.status()).as(live.body()).isEqualTo(200);
        assertThat(live.header("Cache-Control")).isEqualTo("no-store");
        JsonNode claims = live.json();
        assertThat(claims.path("active").asBoolean()).isTrue();
        assertThat(claims.path("sub").asString())
                .isEqualTo(Long.toString(user.path("id").asLong()));
        assertThat(claims.path("openid").asString()).isEqualTo("oIntrospected");
        assertThat(claims.path("unionid").asString())
                .isEqualTo(user.path("unionid").asString());
        assertThat(claims.path("app_id").asString()).isEqualTo(ApiClient.MINI_PROGRAM);
        assertThat(claims.path("sid").asString()).isEqualTo(sessionId).isNotEqualTo(token);
        long now = System.currentTimeMillis() / 1000;
        assertThat(claims.path("iat").asLong()).isBetween(now - 60, now + 1);
        assertThat(claims.path("exp").asLong()).isBetween(now + 1700, now + 1801);

        assertThat(api.post("/api/v1/logout", token, Map.of()).status()).isEqualTo(204);
        assertInactive(introspect(bearer(ORDERS_KEY), token));
        assertThat(output.getAll()).as("no log line carries a token or key").doesNotContain(token, ORDERS_KEY);
    }

    @Test
    void introspectionSlidesTheSessionOnlyWhenAskedTo() throws Exception {
        String token = api.logIn("oSliding").text("token");
        long exp = introspect(bearer(ORDERS_KEY), token).json().path("exp").asLong();
        Thread.sleep(1100); // exp has a resolution of one second; no timing is asserted, only whether it moved

        assertThat(introspect(bearer(ORDERS_KEY), token).json().path("exp").asLong())
                .isEqualTo(exp);
        Reply touched = send("POST", INTROSPECT, bearer(ORDERS_KEY), form(token) + "&touch=true");
        assertThat(touched.json().path("exp").asLong()).isGreaterThan(exp);
    }

    @Test
    void aClientSeesTheSessionsOfItsOwnAppsOnly() {
        String token = api.logIn("oOtherApp").text("token");

        assertInactive(introspect(bearer(OPS_KEY), token));
        assertThat(forwardAuth("GET", OPS_KEY, "Bearer " + token).status()).isEqualTo(401);
        assertThat(introspect(bearer(EDGE_KEY), token).json().path("active").asBoolean())
                .isTrue();
    }

    @Test
    void basicClientAuthenticationWorksAsSpringSecuritySendsIt() {
        String token = api.logIn("oBasic").text("token");
        String encoded = URLEncoder.encode(EDGE_KEY, StandardCharsets.UTF_8);

        assertThat(introspect(basic("edge", EDGE_KEY), token)
                        .json()
                        .path("active")
                        .asBoolean())
                .as("id and key as they are (Spring Security before 6.5)")
                .isTrue();
        assertThat(introspect(basic("edge", encoded), token)
                        .json()
                        .path("active")
                        .asBoolean())
                .as("id and key form-encoded first (RFC 6749 §2.3.1, Spring Security's builder)")
                .isTrue();
        assertThat(introspect(basic("orders", EDGE_KEY), token).status())
                .as("a key sent under another client's id")
                .isEqualTo(401);
    }

    @Test
    void badClientAuthenticationIsA401WithAChallenge(CapturedOutput output) {
        String token = api.logIn("oBadClient").text("token");
        var attempts = new java.util.LinkedHashMap<String, Map<String, String>>();
        attempts.put("no credentials", Map.of());
        attempts.put("a wrong key", bearer("not-a-configured-key-0123456789"));
        attempts.put("Basic that is not base64", Map.of("Authorization", "Basic %%%not-base64%%%"));
        attempts.put("Basic without a colon", Map.of("Authorization", "Basic " + b64("ordersonly")));
        attempts.put("Basic with an empty key", Map.of("Authorization", "Basic " + b64("orders:")));
        attempts.put("Basic with a bad percent escape", basic("orders", "%zz" + ORDERS_KEY));
        attempts.put("an unknown scheme", Map.of("Authorization", "Digest " + ORDERS_KEY));
        attempts.put("an oversized header", bearer("k".repeat(5000)));

        attempts.forEach((what, auth) -> {
            Reply refused = introspect(auth, token);
            assertThat(refused.status()).as(what).isEqualTo(401);
            assertThat(refused.json().path("error").asString()).as(what).isEqualTo("invalid_client");
            assertThat(refused.headers().allValues("WWW-Authenticate")).as(what).isNotEmpty();
        });
        assertThat(output.getAll()).doesNotContain(token, ORDERS_KEY);
    }

    @Test
    void badTokensAreInactiveAndAMissingTokenIsABadRequest() {
        assertInactive(introspect(bearer(ORDERS_KEY), "x".repeat(43)));
        assertInactive(introspect(bearer(ORDERS_KEY), "not a token"));
        assertInactive(introspect(bearer(ORDERS_KEY), "A".repeat(10_000)));

        Reply missing = send("POST", INTROSPECT, bearer(ORDERS_KEY), "token_type_hint=access_token");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().path("error").asString()).isEqualTo("invalid_request");
        Reply inUrl = send("POST", INTROSPECT + "?token=" + "x".repeat(43), bearer(ORDERS_KEY), "a=b");
        assertThat(inUrl.status()).isEqualTo(400);
        Reply json = send(
                "POST",
                INTROSPECT,
                Map.of("Authorization", "Bearer " + ORDERS_KEY, "Content-Type", "application/json"),
                null);
        assertThat(json.status()).isEqualTo(415);
        assertThat(json.json().path("message").asString()).contains("x-www-form-urlencoded");
        Reply garbled = send(
                "POST",
                INTROSPECT,
                Map.of("Authorization", "Bearer " + ORDERS_KEY, "Content-Type", "no/such/type;;"),
                null);
        assertThat(garbled.status()).isEqualTo(415);
        Reply tooLarge = introspect(bearer(ORDERS_KEY), "A".repeat(20_000));
        assertThat(tooLarge.status()).isEqualTo(413);
    }

    @Test
    void aClientOverItsLimitGets429WithRetryAfter() {
        Reply last = null;
        for (int i = 0; i < 41; i++) {
            last = introspect(bearer(BURST_KEY), "x".repeat(43));
        }
        assertThat(last.status()).isEqualTo(429);
        assertThat(last.json().path("error").asString()).isEqualTo("rate_limited");
        assertThat(Long.parseLong(last.header("Retry-After"))).isPositive();
        assertThat(introspect(bearer(EDGE_KEY), "x".repeat(43)).status())
                .as("other clients are not limited by it")
                .isEqualTo(200);
    }

    @Test
    void forwardAuthAnswersTheIdentityHeadersAndSlidesTheSession() {
        ApiClient.Answer login = api.logIn("oForwarded");
        String token = login.text("token");
        long exp = introspect(bearer(ORDERS_KEY), token).json().path("exp").asLong();

        for (String method : new String[] {"GET", "POST", "DELETE", "HEAD"}) {
            Reply allowed = forwardAuth(method, ORDERS_KEY, "Bearer " + token);
            assertThat(allowed.status()).as(method).isEqualTo(200);
            assertThat(allowed.header("X-Wxgate-User-Id"))
                    .isEqualTo(
                            Long.toString(login.json().path("user").path("id").asLong()));
            assertThat(allowed.header("X-Wxgate-Openid")).isEqualTo("oForwarded");
            assertThat(allowed.header("X-Wxgate-Unionid"))
                    .isEqualTo(login.json().path("user").path("unionid").asString());
            assertThat(allowed.header("X-Wxgate-App-Id")).isEqualTo(ApiClient.MINI_PROGRAM);
            assertThat(allowed.header("X-Wxgate-Session-Id")).isNotBlank().isNotEqualTo(token);
        }
        assertThat(send(
                                "GET",
                                FORWARD_AUTH + "/orders/42",
                                Map.of("X-Wxgate-Client-Key", ORDERS_KEY, "Authorization", "Bearer " + token),
                                null)
                        .status())
                .as("Envoy's path prefix followed by the original path")
                .isEqualTo(200);
        assertThat(introspect(bearer(ORDERS_KEY), token).json().path("exp").asLong())
                .isGreaterThanOrEqualTo(exp);

        api.post("/api/v1/logout", token, Map.of());
        Reply dead = forwardAuth("GET", ORDERS_KEY, "Bearer " + token);
        assertThat(dead.status()).isEqualTo(401);
        assertThat(dead.header("WWW-Authenticate")).startsWith("Bearer").contains("invalid_token");
        assertThat(dead.header("X-Wxgate-User-Id")).isNull();
    }

    @Test
    void forwardAuthTellsABadGatewayKeyFromABadUserSession() {
        String token = api.logIn("oGateway").text("token");

        Reply noKey = forwardAuth("GET", null, "Bearer " + token);
        assertThat(noKey.status()).isEqualTo(403);
        assertThat(noKey.json().path("error").asString()).isEqualTo("invalid_client_key");
        assertThat(forwardAuth("GET", "wrong-gateway-key-0123456789", "Bearer " + token)
                        .status())
                .isEqualTo(403);
        assertThat(forwardAuth("GET", ORDERS_KEY, "Bearer " + ORDERS_KEY).status())
                .as("the gateway key sent as the user's")
                .isEqualTo(401);

        Reply none = forwardAuth("GET", ORDERS_KEY, null);
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.header("WWW-Authenticate")).isEqualTo("Bearer realm=\"wxgate\"");
        for (String malformed :
                new String[] {"Bearer", "Bearer short", "Basic " + b64("a:b"), "Bearer " + "x".repeat(4000)}) {
            Reply refused = forwardAuth("GET", ORDERS_KEY, malformed);
            assertThat(refused.status()).as(malformed).isEqualTo(401);
            assertThat(refused.json().path("error").asString()).isEqualTo("invalid_session");
        }
    }

    private static String b64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
