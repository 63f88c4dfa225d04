package dev.wxgate.adapters.wechat.contract;

import dev.wxgate.sandbox.WechatSandboxApplication;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Test fixture: the standalone WeChat sandbox, started once per JVM on a random loopback port with the apps of
 * {@link ContractApps}, and its control API ({@code /_sandbox/}) over plain JDK HTTP.
 *
 * <p>The control API is driven over HTTP, never through the sandbox's classes, so these tests see the sandbox exactly
 * as a team using it standalone does. Spring's shutdown hook stops it when the JVM exits.
 */
final class RunningSandbox {
    /** The sandbox counts a day in WeChat's time zone: quotas reset at midnight there. */
    private static final ZoneId WECHAT_ZONE = ZoneId.of("Asia/Shanghai");

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final URI baseUrl;
    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1)
            .build();

    /** The answer of a raw call: HTTP status, body text and the body as JSON (a missing node when not JSON). */
    record Reply(int status, String body, JsonNode json) {
        int errcode() {
            return json.path("errcode").asInt();
        }

        String errmsg() {
            return json.path("errmsg").asString();
        }
    }

    private RunningSandbox(URI baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** The one sandbox of this JVM, started on first use. */
    static RunningSandbox shared() {
        return Holder.SANDBOX;
    }

    private static final class Holder {
        static final RunningSandbox SANDBOX = start();
    }

    private static RunningSandbox start() {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("server.port", "0");
        properties.put("server.address", "127.0.0.1");
        properties.put("spring.threads.virtual.enabled", "true");
        properties.put("server.error.whitelabel.enabled", "false");
        properties.put("spring.main.banner-mode", "off");
        properties.put("logging.level.dev.wxgate.sandbox", "WARN");
        properties.putAll(ContractApps.sandboxProperties());
        ConfigurableApplicationContext context = new SpringApplicationBuilder(WechatSandboxApplication.class)
                .properties(properties)
                .run();
        int port = Integer.parseInt(context.getEnvironment().getRequiredProperty("local.server.port"));
        return new RunningSandbox(URI.create("http://127.0.0.1:" + port));
    }

    /** Where WeChat's endpoints are: the base URL for {@code WechatClientSettings}. */
    URI baseUrl() {
        return baseUrl;
    }

    // ---------------------------------------------------------------- control API

    /** Back to the configured apps: no tokens, codes, users, counts, faults or app changes. The clock keeps its lead. */
    void reset() {
        control("POST", "/_sandbox/reset", "", 200);
    }

    /** A wx.login code of {@code openid}; jscode2session then answers that openid. */
    String loginCode(String appId, String openid) {
        return code(user(appId, openid) + "/login-code", "");
    }

    /** A wx.login code of {@code openid}, who then has {@code unionid} in every app of the Open Platform account. */
    String loginCode(String appId, String openid, String unionid) {
        return code(user(appId, openid) + "/login-code", json("unionid", unionid));
    }

    /** A getPhoneNumber code of {@code openid}, releasing {@code phoneNumber} ("+86 13800138000" or digits). */
    String phoneCode(String appId, String openid, String phoneNumber) {
        return code(user(appId, openid) + "/phone-code", json("phoneNumber", phoneNumber));
    }

    /** A getPhoneNumber code of {@code openid}, whose number the sandbox derives from the openid. */
    String phoneCode(String appId, String openid) {
        return code(user(appId, openid) + "/phone-code", "");
    }

    /**
     * A web login code for {@code openid} of the official account {@code appId}, as WeChat's consent page hands it to
     * the redirect_uri when the user allows {@code scope}.
     */
    String webLoginCode(String appId, String openid, String scope) {
        String form = "appid=" + appId + "&redirect_uri="
                + URLEncoder.encode("http://127.0.0.1:9/cb", StandardCharsets.UTF_8) + "&scope=" + scope
                + "&state=contract&openid=" + openid + "&decision=allow";
        HttpRequest request = HttpRequest.newBuilder(baseUrl.resolve("/connect/oauth2/authorize"))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            String location = response.headers()
                    .firstValue("location")
                    .orElseThrow(() -> new IllegalStateException(
                            "the consent page answered HTTP " + response.statusCode() + ": " + response.body()));
            return location.substring(location.indexOf("code=") + 5, location.indexOf("&state="));
        } catch (IOException e) {
            throw new IllegalStateException("sandbox unreachable", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    void block(String appId, String openid) {
        control("POST", user(appId, openid) + "/block", "", 200);
    }

    void unblock(String appId, String openid) {
        control("DELETE", user(appId, openid) + "/block", "", 200);
    }

    /** Changes an app's {@code tokenExpiresIn}, {@code dailyQuota} or {@code stableDailyQuota}. */
    void changeApp(String appId, String field, long value) {
        control("PATCH", "/_sandbox/apps/" + appId, "{\"" + field + "\":" + value + "}", 200);
    }

    /** A fault on one of WeChat's endpoints, named by its path ("/cgi-bin/token"). */
    void fault(String endpointPath, long latencyMillis, double busyRate, boolean outage) {
        String body =
                "{\"latencyMillis\":" + latencyMillis + ",\"busyRate\":" + busyRate + ",\"outage\":" + outage + "}";
        control("PUT", "/_sandbox/faults" + endpointPath, body, 200);
    }

    void clearFaults() {
        control("DELETE", "/_sandbox/faults", "", 200);
    }

    void advanceClock(Duration by) {
        control("POST", "/_sandbox/clock/advance", "{\"seconds\":" + by.toSeconds() + "}", 200);
    }

    /** The sandbox's now (the real time plus every advance so far). */
    Instant now() {
        return Instant.ofEpochSecond(
                control("GET", "/_sandbox/clock", "", 200).path("epochSeconds").asLong());
    }

    /**
     * Moves the sandbox's clock to just after the next midnight in WeChat's zone, so a test of a daily quota has a
     * whole fresh day and can never see the day roll over midway.
     */
    void advanceToNextWechatDay() {
        Instant now = now();
        Instant midnight = LocalDate.ofInstant(now, WECHAT_ZONE)
                .plusDays(1)
                .atStartOfDay(WECHAT_ZONE)
                .toInstant();
        advanceClock(Duration.between(now, midnight).plusSeconds(1));
    }

    /** How many calls the sandbox counted for {@code appId} ("unknown" for none it knows) on {@code path}. */
    long calls(String appId, String path) {
        return stats(appId).getOrDefault(path, 0L);
    }

    /** Every endpoint the sandbox counted calls on for {@code appId}, with the counts. */
    Map<String, Long> stats(String appId) {
        JsonNode app = control("GET", "/_sandbox/stats", "", 200).path("apps").path(appId);
        Map<String, Long> counts = new LinkedHashMap<>();
        app.properties()
                .forEach(entry -> counts.put(entry.getKey(), entry.getValue().asLong()));
        return counts;
    }

    // ---------------------------------------------------------------- WeChat's surface, raw

    /** A raw call to WeChat's surface, for requests the adapters never build (malformed ones). */
    Reply call(String method, String pathAndQuery, String body, String contentType) {
        HttpRequest.Builder request = HttpRequest.newBuilder(baseUrl.resolve(pathAndQuery))
                .timeout(Duration.ofSeconds(10))
                .method(method, HttpRequest.BodyPublishers.ofString(body == null ? "" : body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return send(request.build());
    }

    Reply get(String pathAndQuery) {
        return call("GET", pathAndQuery, null, null);
    }

    Reply postJson(String pathAndQuery, String body) {
        return call("POST", pathAndQuery, body, "application/json");
    }

    // ---------------------------------------------------------------- internals

    private static String user(String appId, String openid) {
        return "/_sandbox/apps/" + appId + "/users/" + openid;
    }

    private String code(String path, String body) {
        return control("POST", path, body, 201).path("code").asString();
    }

    private JsonNode control(String method, String path, String body, int expectedStatus) {
        Reply reply = call(method, path, body, body.isEmpty() ? null : "application/json");
        if (reply.status() != expectedStatus) {
            throw new IllegalStateException("sandbox control " + method + " " + path + " answered HTTP "
                    + reply.status() + " (expected " + expectedStatus + "): " + reply.body());
        }
        return reply.json();
    }

    private Reply send(HttpRequest request) {
        try {
            HttpResponse<String> response =
                    http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Reply(response.statusCode(), response.body(), readJson(response.body()));
        } catch (IOException e) {
            throw new IllegalStateException("sandbox unreachable: " + request.method() + " " + request.uri(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static JsonNode readJson(String body) {
        if (body == null || body.isBlank()) {
            return JSON.missingNode();
        }
        try {
            return JSON.readTree(body);
        } catch (RuntimeException notJson) {
            return JSON.missingNode();
        }
    }

    private static String json(String field, String value) {
        return JSON.createObjectNode().put(field, value).toString();
    }
}
