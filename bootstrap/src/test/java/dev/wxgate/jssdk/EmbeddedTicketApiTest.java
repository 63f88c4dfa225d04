package dev.wxgate.jssdk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wxgate.bootstrap.WxgateApplication;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
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
 * JS-SDK tickets and signatures in the embedded default (memory store, the built-in sandbox as WeChat), end to end over
 * HTTP: the internal ticket and signature API, and the public page endpoint with its JS-safe domains and CORS.
 */
@SpringBootTest(
        classes = WxgateApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "wxgate.clients[0].id=pages",
            "wxgate.clients[0].key-sha256=" + EmbeddedTicketApiTest.KEY_SHA256,
            "wxgate.clients[0].apps=*",
            "wxgate.clients[1].id=orders",
            "wxgate.clients[1].key-sha256=" + EmbeddedTicketApiTest.MINI_ONLY_KEY_SHA256,
            "wxgate.clients[1].apps=" + EmbeddedTicketApiTest.MINI_PROGRAM
        })
@ActiveProfiles("test")
@ExtendWith(OutputCaptureExtension.class)
class EmbeddedTicketApiTest {
    static final String KEY = "pages-backend-key-0123456789abcdef";
    static final String KEY_SHA256 = "6b34e0f8f95b7430f4f0cc7e396029d4a095410cdb635d566196cb147f1a7513";
    static final String MINI_ONLY_KEY = "orders-backend-key-0123456789abcdef";
    static final String MINI_ONLY_KEY_SHA256 = "bf3c0e95c45a1778eac2428c82cb1efbe57f5de213bc9a461f6ef276f3a1c007";
    static final String MINI_PROGRAM = "wxa1b2c3d4e5f60001";
    static final String OFFICIAL_ACCOUNT = "wxa1b2c3d4e5f60002";

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient CLIENT =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @LocalServerPort
    int port;

    record Answer(int status, Map<String, java.util.List<String>> headers, String body, JsonNode json) {
        String text(String field) {
            return json.path(field).asString();
        }

        Optional<String> header(String name) {
            return headers.entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase(name))
                    .flatMap(e -> e.getValue().stream())
                    .findFirst();
        }
    }

    private Answer send(String method, String path, String key, String body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try {
            HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode json;
            try {
                json = response.body().isBlank() ? JSON.missingNode() : JSON.readTree(response.body());
            } catch (RuntimeException notJson) {
                json = JSON.missingNode();
            }
            return new Answer(response.statusCode(), response.headers().map(), response.body(), json);
        } catch (IOException | InterruptedException failed) {
            throw new IllegalStateException(failed);
        }
    }

    private Answer ticket(String appId, String type, String key) {
        return send("GET", "/internal/v1/apps/" + appId + "/tickets/" + type, key, null);
    }

    private long getticketCalls() {
        return send("GET", "/_sandbox/stats", null, null)
                .json()
                .path("apps")
                .path(OFFICIAL_ACCOUNT)
                .path("/cgi-bin/ticket/getticket")
                .asLong(0);
    }

    private Answer pageConfig(String appId, String url, String... headers) {
        String query = "appId=" + appId + (url == null ? "" : "&url=" + URLEncoder.encode(url, StandardCharsets.UTF_8));
        return send("GET", "/api/v1/jssdk-config?" + query, null, null, headers);
    }

    /** The signature computed here, independently of wxgate's code. */
    private static String sha1(String text) throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8));
        return String.format("%040x", new BigInteger(1, digest));
    }

    private String currentJsapiTicket() {
        return ticket(OFFICIAL_ACCOUNT, "jsapi", KEY).text("ticket");
    }

    @Test
    void anOfficialAccountsTicketsAreFetchedOnceAndServedFromTheCache(CapturedOutput output) {
        Answer jsapi = ticket(OFFICIAL_ACCOUNT, "jsapi", KEY);
        assertThat(jsapi.status()).as(jsapi.body()).isEqualTo(200);
        assertThat(jsapi.json().path("expiresIn").asLong()).isBetween(7000L, 7200L);
        assertThat(jsapi.header("Cache-Control")).contains("no-store");
        Answer card = ticket(OFFICIAL_ACCOUNT, "wx_card", KEY);
        assertThat(card.status()).isEqualTo(200);
        assertThat(card.text("ticket")).isNotEqualTo(jsapi.text("ticket"));
        long calls = getticketCalls();

        for (int i = 0; i < 5; i++) {
            assertThat(ticket(OFFICIAL_ACCOUNT, "jsapi", KEY).text("ticket")).isEqualTo(jsapi.text("ticket"));
        }

        assertThat(getticketCalls()).isEqualTo(calls);
        assertThat(output.getAll()).doesNotContain(jsapi.text("ticket")).doesNotContain(card.text("ticket"));
    }

    @Test
    void aReportOfTheCurrentTicketReplacesItAndALateOneCostsNothing() {
        String bad = currentJsapiTicket();
        long calls = getticketCalls();

        Answer replaced = send(
                "POST",
                "/internal/v1/apps/" + OFFICIAL_ACCOUNT + "/tickets/jsapi/invalid",
                KEY,
                "{\"ticket\":\"" + bad + "\"}");
        Answer late = send(
                "POST",
                "/internal/v1/apps/" + OFFICIAL_ACCOUNT + "/tickets/jsapi/invalid",
                KEY,
                "{\"ticket\":\"" + bad + "\"}");

        assertThat(replaced.status()).as(replaced.body()).isEqualTo(200);
        assertThat(replaced.text("ticket")).isNotEqualTo(bad);
        assertThat(late.text("ticket")).isEqualTo(replaced.text("ticket"));
        assertThat(getticketCalls() - calls).isEqualTo(1);
        Answer empty = send("POST", "/internal/v1/apps/" + OFFICIAL_ACCOUNT + "/tickets/jsapi/invalid", KEY, "{}");
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.text("error")).isEqualTo("invalid_request");
    }

    @Test
    void badTicketRequestsArePrecise4xx() {
        Answer mini = ticket(MINI_PROGRAM, "jsapi", KEY);
        assertThat(mini.status()).isEqualTo(400);
        assertThat(mini.text("error")).isEqualTo("not_an_official_account");
        Answer type = ticket(OFFICIAL_ACCOUNT, "card", KEY);
        assertThat(type.status()).isEqualTo(404);
        assertThat(type.text("error")).isEqualTo("unknown_ticket_type");
        assertThat(ticket(OFFICIAL_ACCOUNT, "jsapi", MINI_ONLY_KEY).text("error"))
                .isEqualTo("app_not_allowed");
        assertThat(ticket(OFFICIAL_ACCOUNT, "jsapi", null).status()).isEqualTo(401);
        assertThat(ticket("wx0000000000000fff", "jsapi", KEY).text("error")).isEqualTo("unknown_app");
        Answer signMini = send(
                "POST",
                "/internal/v1/apps/" + MINI_PROGRAM + "/jssdk-signature",
                KEY,
                "{\"url\":\"http://127.0.0.1/\"}");
        assertThat(signMini.status()).isEqualTo(400);
        assertThat(signMini.text("error")).isEqualTo("not_an_official_account");
    }

    @Test
    void aBackendGetsTheSignatureWechatComputesForItsPage() throws Exception {
        String page = "https://h5.example.com/orders/42?from=singlemessage";

        Answer signed = send(
                "POST",
                "/internal/v1/apps/" + OFFICIAL_ACCOUNT + "/jssdk-signature",
                KEY,
                "{\"url\":\"" + page + "#section-2\"}");

        assertThat(signed.status()).as(signed.body()).isEqualTo(200);
        assertThat(signed.text("appId")).isEqualTo(OFFICIAL_ACCOUNT);
        assertThat(signed.text("nonceStr")).matches("[A-Za-z0-9]{16}");
        long timestamp = signed.json().path("timestamp").asLong();
        assertThat(timestamp).isBetween(System.currentTimeMillis() / 1000 - 60, System.currentTimeMillis() / 1000 + 1);
        assertThat(signed.text("signature"))
                .isEqualTo(sha1("jsapi_ticket=" + currentJsapiTicket() + "&noncestr=" + signed.text("nonceStr")
                        + "&timestamp=" + timestamp + "&url=" + page));
        Answer noUrl = send("POST", "/internal/v1/apps/" + OFFICIAL_ACCOUNT + "/jssdk-signature", KEY, "{}");
        assertThat(noUrl.status()).isEqualTo(400);
        assertThat(noUrl.text("error")).isEqualTo("missing_url");
    }

    @Test
    void aPageOnAJsSafeDomainGetsItsConfigWithCors() throws Exception {
        String page = "http://127.0.0.1:5173/pay.html?order=42";

        Answer config = pageConfig(OFFICIAL_ACCOUNT, page + "#top", "Origin", "http://127.0.0.1:5173");

        assertThat(config.status()).as(config.body()).isEqualTo(200);
        assertThat(config.header("Access-Control-Allow-Origin")).contains("http://127.0.0.1:5173");
        assertThat(config.headers().get("Vary"))
                .anySatisfy(vary -> assertThat(vary).contains("Origin"));
        assertThat(config.header("Access-Control-Allow-Credentials")).isEmpty();
        assertThat(config.text("signature"))
                .isEqualTo(sha1("jsapi_ticket=" + currentJsapiTicket() + "&noncestr=" + config.text("nonceStr")
                        + "&timestamp=" + config.json().path("timestamp").asLong() + "&url=" + page));
        assertThat(pageConfig(OFFICIAL_ACCOUNT, "http://localhost/index.html").status())
                .isEqualTo(200);
    }

    @Test
    void pagesOutsideTheJsSafeDomainsAreRefused() {
        assertRefused(pageConfig(OFFICIAL_ACCOUNT, "https://evil.com/page"), "domain_not_allowed");
        assertRefused(pageConfig(OFFICIAL_ACCOUNT, "http://evil.com/?x=127.0.0.1"), "domain_not_allowed");
        assertRefused(pageConfig(OFFICIAL_ACCOUNT, "http://127.0.0.1.evil.com/"), "domain_not_allowed");
        assertRefused(pageConfig(OFFICIAL_ACCOUNT, "http://127.0.0.1@evil.com/"), "invalid_url");
        assertRefused(pageConfig(OFFICIAL_ACCOUNT, "javascript:alert(1)//127.0.0.1"), "invalid_url");
        assertRefused(pageConfig(OFFICIAL_ACCOUNT, null), "missing_url");
        assertRefused(pageConfig(OFFICIAL_ACCOUNT, "http://127.0.0.1/" + "a".repeat(5000)), "url_too_long");
        assertRefused(pageConfig(MINI_PROGRAM, "http://127.0.0.1/"), "not_an_official_account");
        assertRefused(pageConfig("not-an-app-id", "http://127.0.0.1/"), "invalid_request");
        Answer unknown = pageConfig("wx0000000000000fff", "http://127.0.0.1/");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.text("error")).isEqualTo("unknown_app");
    }

    private static void assertRefused(Answer answer, String error) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(400);
        assertThat(answer.text("error")).isEqualTo(error);
        assertThat(answer.body()).doesNotContain("evil");
    }

    @Test
    void otherOriginsGetNoCorsHeadersAndTheirPreflightIsRefused() {
        Answer foreign = pageConfig(OFFICIAL_ACCOUNT, "http://127.0.0.1/page", "Origin", "https://evil.com");
        assertThat(foreign.status()).isEqualTo(200);
        assertThat(foreign.header("Access-Control-Allow-Origin")).isEmpty();

        String path = "/api/v1/jssdk-config?appId=" + OFFICIAL_ACCOUNT + "&url=http%3A%2F%2Flocalhost%2F";
        Answer allowed = send(
                "OPTIONS",
                path,
                null,
                null,
                "Origin",
                "http://localhost:8081",
                "Access-Control-Request-Method",
                "GET",
                "Access-Control-Request-Headers",
                "x-requested-with");
        assertThat(allowed.status()).isEqualTo(204);
        assertThat(allowed.header("Access-Control-Allow-Origin")).contains("http://localhost:8081");
        assertThat(allowed.header("Access-Control-Allow-Methods")).contains("GET");
        assertThat(allowed.header("Access-Control-Allow-Headers")).contains("x-requested-with");

        Answer refused =
                send("OPTIONS", path, null, null, "Origin", "https://evil.com", "Access-Control-Request-Method", "GET");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.header("Access-Control-Allow-Origin")).isEmpty();
        assertThat(refused.text("error")).isEqualTo("origin_not_allowed");
        Answer otherApp = send(
                "OPTIONS",
                "/api/v1/jssdk-config?appId=" + MINI_PROGRAM,
                null,
                null,
                "Origin",
                "http://localhost:8081",
                "Access-Control-Request-Method",
                "GET");
        assertThat(otherApp.status()).isEqualTo(403);
    }

    @Test
    void ticketRefreshesAreInTheMetrics() {
        ticket(OFFICIAL_ACCOUNT, "jsapi", KEY);

        String metrics = send("GET", "/actuator/prometheus", "wxgate-test-metrics-key", null)
                .body();

        String tags = "app=\"" + OFFICIAL_ACCOUNT + "\"";
        assertThat(metrics)
                .contains("wxgate_ticket_refreshes_total{" + tags + ",outcome=\"refreshed\",type=\"jsapi\"}")
                .contains("wxgate_ticket_upstream_seconds_count{" + tags + ",outcome=\"success\",type=\"jsapi\"}")
                .contains("wxgate_ticket_quota_used{" + tags + ",type=\"jsapi\"}")
                .contains("wxgate_ticket_quota_limit{" + tags + ",type=\"wx_card\"}")
                .contains("wxgate_ticket_expires_in{" + tags + ",type=\"jsapi\"}")
                .doesNotContain("wxgate_ticket_quota_used{app=\"" + MINI_PROGRAM + "\"");
    }
}
