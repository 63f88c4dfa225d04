package dev.wxgate.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wxgate.sandbox.HttpSandboxClient.Reply;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The standalone sandbox over real HTTP: WeChat's endpoints at the root, the control API under /_sandbox/. */
@SpringBootTest(
        classes = WechatSandboxApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "logging.level.dev.wxgate.sandbox=DEBUG")
@ExtendWith(OutputCaptureExtension.class)
class StandaloneHttpTest {
    static final String MINI = "wxa1b2c3d4e5f60001";
    static final String MINI_SECRET = "5a4d0b0c1e2f3a4b5c6d7e8f90a10001";
    static final String OFFICIAL = "wxa1b2c3d4e5f60002";
    static final String OFFICIAL_SECRET = "5a4d0b0c1e2f3a4b5c6d7e8f90a10002";
    static final String RID = ".* rid: [0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}";

    @LocalServerPort
    int port;

    HttpSandboxClient client;

    @BeforeEach
    void reset() {
        client = new HttpSandboxClient(port);
        assertThat(client.post("/_sandbox/reset", "").status()).isEqualTo(200);
    }

    private Reply token(String appid, String secret) {
        return client.get(
                "/cgi-bin/token", Map.of("grant_type", "client_credential", "appid", appid, "secret", secret));
    }

    private String accessToken() {
        return token(MINI, MINI_SECRET).text("access_token");
    }

    private Reply stable(String body) {
        return client.post("/cgi-bin/stable_token", body);
    }

    private String loginCode(String openid, String body) {
        Reply reply = client.post("/_sandbox/apps/" + MINI + "/users/" + openid + "/login-code", body);
        assertThat(reply.status()).isEqualTo(201);
        return reply.text("code");
    }

    private Reply codeToSession(String code) {
        return client.get(
                "/sns/jscode2session",
                Map.of("appid", MINI, "secret", MINI_SECRET, "js_code", code, "grant_type", "authorization_code"));
    }

    private Reply sessionCall(String path, String token, String openid, String sessionKey, String sigMethod) {
        return client.get(
                path,
                Map.of(
                        "access_token",
                        token,
                        "openid",
                        openid,
                        "signature",
                        hmacSha256Hex(sessionKey),
                        "sig_method",
                        sigMethod));
    }

    /** Computed here, independently of the sandbox's own helper. */
    static String hmacSha256Hex(String sessionKey) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(sessionKey.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(new byte[0]));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void assertWechatError(Reply reply, int errcode) {
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.errcode()).isEqualTo(errcode);
        assertThat(reply.text("errmsg")).matches(RID);
        assertThat(reply.contentType()).startsWith("application/json");
    }

    @Test
    void defaultAppsAreListedWithTheirSecrets() {
        Reply apps = client.get("/_sandbox/apps");

        assertThat(apps.status()).isEqualTo(200);
        assertThat(apps.json().size()).isEqualTo(3);
        assertThat(apps.json().get(0).path("appId").asString()).isEqualTo(MINI);
        assertThat(apps.json().get(0).path("secret").asString()).isEqualTo(MINI_SECRET);
        assertThat(apps.json().get(0).path("type").asString()).isEqualTo("mini-program");
        assertThat(apps.json().get(1).path("appId").asString()).isEqualTo(OFFICIAL);
        assertThat(apps.json().get(1).path("type").asString()).isEqualTo("official-account");
        assertThat(apps.json().get(2).path("appId").asString()).isEqualTo("wxa1b2c3d4e5f60004");
        assertThat(apps.json().get(2).path("type").asString()).isEqualTo("website");
    }

    @Test
    void tokenIsIssuedWithoutAnErrcode() {
        Reply reply = token(MINI, MINI_SECRET);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.contentType()).startsWith("application/json");
        assertThat(reply.json().has("errcode")).isFalse();
        assertThat(reply.text("access_token")).isNotBlank();
        assertThat(reply.json().path("expires_in").asLong()).isEqualTo(7200);
    }

    @Test
    void tokenErrorsAreHttp200WithWechatsCodes() {
        assertWechatError(
                client.send(
                        "POST",
                        "/cgi-bin/token?grant_type=client_credential&appid=" + MINI + "&secret=" + MINI_SECRET,
                        ""),
                43001);
        assertWechatError(client.get("/cgi-bin/token?appid=" + MINI + "&secret=" + MINI_SECRET), 40002);
        assertWechatError(client.get("/cgi-bin/token?grant_type=client_credential&secret=" + MINI_SECRET), 41002);
        assertWechatError(client.get("/cgi-bin/token?grant_type=client_credential&appid=" + MINI), 41004);
        assertWechatError(token("wx0000000000000000", MINI_SECRET), 40013);
        assertWechatError(token(MINI, OFFICIAL_SECRET), 40125);
        assertWechatError(client.get("/cgi-bin/token"), 40002);
    }

    @Test
    void stableTokenIsTheSameUntilForcedAndRefusesGet() {
        String body =
                HttpSandboxClient.json(Map.of("grant_type", "client_credential", "appid", MINI, "secret", MINI_SECRET));
        String first = stable(body).text("access_token");

        assertThat(stable(body).text("access_token")).isEqualTo(first);
        assertThat(stable(body).json().has("errcode")).isFalse();
        String forced = stable(HttpSandboxClient.json(Map.of(
                        "grant_type",
                        "client_credential",
                        "appid",
                        MINI,
                        "secret",
                        MINI_SECRET,
                        "force_refresh",
                        true)))
                .text("access_token");
        assertThat(forced).isNotEqualTo(first);
        assertWechatError(client.get("/cgi-bin/stable_token"), 43002);
    }

    @Test
    void jsonBodiesAreReadWhateverTheirContentType() {
        String body =
                HttpSandboxClient.json(Map.of("grant_type", "client_credential", "appid", MINI, "secret", MINI_SECRET));
        String formTyped = client.send("POST", "/cgi-bin/stable_token", body, "application/x-www-form-urlencoded")
                .text("access_token");
        String plain =
                client.send("POST", "/cgi-bin/stable_token", body, "text/plain").text("access_token");
        assertThat(formTyped).isNotBlank().isEqualTo(plain);

        String phoneCode = client.post("/_sandbox/apps/" + MINI + "/users/alice/phone-code", "")
                .text("code");
        Reply phone = client.send(
                "POST",
                "/wxa/business/getuserphonenumber?access_token=" + accessToken(),
                "{\"code\": \"" + phoneCode + "\"}",
                "application/x-www-form-urlencoded");
        assertThat(phone.errcode()).isZero();

        Reply added =
                client.send("POST", "/_sandbox/apps", "{\"dailyQuota\": 200}", "application/x-www-form-urlencoded");
        assertThat(added.status()).isEqualTo(201);
        assertThat(added.json().path("dailyQuota").asInt()).isEqualTo(200);
        // Spring reads a form-typed PATCH body as form fields; the sandbox says so instead of ignoring it.
        assertControlError(
                client.send(
                        "PATCH", "/_sandbox/apps/" + MINI, "{\"dailyQuota\": 5}", "application/x-www-form-urlencoded"),
                400,
                "Content-Type");
    }

    @Test
    void malformedStableTokenBodies() {
        // A form body reads as no fields at all, as WeChat answers it.
        assertWechatError(
                client.send(
                        "POST",
                        "/cgi-bin/stable_token",
                        "grant_type=client_credential&appid=" + MINI,
                        "application/x-www-form-urlencoded"),
                41002);
        assertWechatError(stable("{not json"), 41002);
        assertWechatError(stable("{\"appid\": 5, \"secret\": \"x\", \"grant_type\": \"client_credential\"}"), 47001);
        assertWechatError(
                stable(HttpSandboxClient.json(Map.of(
                        "grant_type",
                        "client_credential",
                        "appid",
                        MINI,
                        "secret",
                        MINI_SECRET,
                        "force_refresh",
                        "yes"))),
                47001);
        assertWechatError(stable("{\"appid\": \"" + MINI + "\", \"secret\": \"" + MINI_SECRET + "\"}"), 40002);
    }

    @Test
    void loginCodeExchangesOnceForASession() {
        String code = loginCode("alice", "{\"unionid\": \"o_alice_union\"}");

        Reply session = codeToSession(code);

        assertThat(session.status()).isEqualTo(200);
        assertThat(session.json().has("errcode")).isFalse();
        assertThat(session.text("openid")).isEqualTo("alice");
        assertThat(session.text("unionid")).isEqualTo("o_alice_union");
        assertThat(session.text("session_key")).matches("[A-Za-z0-9+/]{22}==");
        assertWechatError(codeToSession(code), 40163);
        assertWechatError(codeToSession("nonsense"), 40029);
        assertWechatError(
                client.get("/sns/jscode2session?appid=" + MINI + "&secret=" + MINI_SECRET
                        + "&grant_type=authorization_code"),
                41008);
    }

    @Test
    void checkAndResetSessionKeyWithTheHmacSignature() {
        String key = codeToSession(loginCode("alice", null)).text("session_key");
        String token = accessToken();

        Reply check = sessionCall("/wxa/checksession", token, "alice", key, "hmac_sha256");
        assertThat(check.errcode()).isZero();
        assertThat(check.text("errmsg")).isEqualTo("ok");
        assertWechatError(sessionCall("/wxa/checksession", token, "alice", "wrong", "hmac_sha256"), 87009);
        assertWechatError(sessionCall("/wxa/checksession", token, "alice", key, "sha1"), 87008);

        Reply reset = sessionCall("/wxa/resetusersessionkey", token, "alice", key, "hmac_sha256");
        assertThat(reset.errcode()).isZero();
        assertThat(reset.text("errmsg")).isEqualTo("ok");
        assertThat(reset.text("openid")).isEqualTo("alice");
        String renewed = reset.text("session_key");
        assertThat(renewed).isNotEqualTo(key);
        assertWechatError(sessionCall("/wxa/checksession", token, "alice", key, "hmac_sha256"), 87009);
        assertThat(sessionCall("/wxa/checksession", token, "alice", renewed, "hmac_sha256")
                        .errcode())
                .isZero();
    }

    @Test
    void tokenNeedingEndpointsRejectMissingUnknownAndExpiredTokens() {
        String token = accessToken();
        assertWechatError(client.get("/wxa/checksession?openid=alice&signature=00&sig_method=hmac_sha256"), 41001);
        assertWechatError(sessionCall("/wxa/checksession", "86_unknown", "alice", "k", "hmac_sha256"), 40001);

        assertThat(client.post("/_sandbox/clock/advance", "{\"seconds\": 7200}").status())
                .isEqualTo(200);

        assertWechatError(sessionCall("/wxa/checksession", token, "alice", "k", "hmac_sha256"), 42001);
    }

    @Test
    void phoneCodeGivesThePhoneInfo() {
        Reply created = client.post(
                "/_sandbox/apps/" + MINI + "/users/alice/phone-code", "{\"phoneNumber\": \"+86 13800138000\"}");
        String token = accessToken();

        Reply reply = client.post(
                "/wxa/business/getuserphonenumber?access_token=" + token,
                HttpSandboxClient.json(Map.of("code", created.text("code"))));

        assertThat(reply.errcode()).isZero();
        assertThat(reply.text("errmsg")).isEqualTo("ok");
        var info = reply.json().path("phone_info");
        assertThat(info.path("phoneNumber").asString()).isEqualTo("13800138000");
        assertThat(info.path("purePhoneNumber").asString()).isEqualTo("13800138000");
        assertThat(info.path("countryCode").isString()).isTrue();
        assertThat(info.path("countryCode").asString()).isEqualTo("86");
        assertThat(info.path("watermark").path("appid").asString()).isEqualTo(MINI);
        assertThat(info.path("watermark").path("timestamp").isIntegralNumber()).isTrue();
    }

    @Test
    void malformedPhoneNumberCalls() {
        String token = accessToken();
        String path = "/wxa/business/getuserphonenumber?access_token=" + token;

        assertWechatError(client.post(path, "code=abc"), 47001);
        assertWechatError(client.post(path, "[\"code\"]"), 47001);
        assertWechatError(client.post(path, "{\"code\": 12}"), 47001);
        assertWechatError(client.post(path, "{\"code\": \"abc\"}"), 40029);
        assertWechatError(client.get(path), 43002);
        assertWechatError(client.post("/wxa/business/getuserphonenumber", "{\"code\": \"abc\"}"), 41001);
    }

    @Test
    void officialAccountTokenCannotFetchPhoneNumbers() {
        String token = token(OFFICIAL, OFFICIAL_SECRET).text("access_token");

        assertWechatError(
                client.post("/wxa/business/getuserphonenumber?access_token=" + token, "{\"code\": \"abc\"}"), 40013);
    }

    @Test
    void unknownPathsAre404Json() {
        Reply wechat = client.get("/cgi-bin/nothing");
        assertThat(wechat.status()).isEqualTo(404);
        assertThat(wechat.json().path("errcode").asInt()).isEqualTo(-1);
        assertThat(wechat.text("errmsg")).contains("/cgi-bin/nothing").matches(RID);

        Reply elsewhere = client.get("/favicon.ico");
        assertThat(elsewhere.status()).isEqualTo(404);
        assertThat(elsewhere.json().has("errcode")).isTrue();

        Reply control = client.get("/_sandbox/nothing");
        assertThat(control.status()).isEqualTo(404);
        assertThat(control.text("error")).contains("/_sandbox/nothing");

        Reply wrongMethod = client.get("/_sandbox/reset");
        assertThat(wrongMethod.status()).isEqualTo(404);
        assertThat(wrongMethod.text("error")).contains("GET /_sandbox/reset");
    }

    @Test
    void browsersGetJsonToo() {
        Reply reply = client.send(HttpRequest.newBuilder(client.uri("/cgi-bin/token"))
                .header("Accept", "text/html")
                .GET());

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.errcode()).isEqualTo(40002);
    }

    @Test
    void appsCanBeAddedAndChangedAtRunTime() {
        Reply added = client.post("/_sandbox/apps", "{\"type\": \"official-account\", \"tokenExpiresIn\": 60}");

        assertThat(added.status()).isEqualTo(201);
        String appId = added.text("appId");
        assertThat(appId).matches("wx[0-9a-f]{16}");
        assertThat(added.text("secret")).matches("[0-9a-f]{32}");
        assertThat(added.text("type")).isEqualTo("official-account");
        assertThat(token(appId, added.text("secret")).json().path("expires_in").asLong())
                .isEqualTo(60);

        Reply changed = client.send("PATCH", "/_sandbox/apps/" + appId, "{\"dailyQuota\": 1}");
        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.json().path("dailyQuota").asInt()).isEqualTo(1);
        assertWechatError(token(appId, added.text("secret")), 45009);

        Reply one = client.get("/_sandbox/apps/" + appId);
        assertThat(one.json().path("tokenCallsToday").asInt()).isEqualTo(1);
    }

    @Test
    void controlInputIsValidated() {
        assertControlError(client.post("/_sandbox/apps", "{oops"), 400, "JSON object");
        assertControlError(client.post("/_sandbox/apps", "{\"tokenExpireIn\": 5}"), 400, "tokenExpireIn");
        assertControlError(client.post("/_sandbox/apps", "{\"type\": \"game\"}"), 400, "type");
        assertControlError(client.post("/_sandbox/apps", "{\"dailyQuota\": \"many\"}"), 400, "dailyQuota");
        assertControlError(client.post("/_sandbox/apps", "{\"appId\": \"" + MINI + "\"}"), 409, MINI);
        assertControlError(
                client.send("PATCH", "/_sandbox/apps/wx0000000000000000", "{\"dailyQuota\": 5}"),
                404,
                "wx0000000000000000");
        assertControlError(client.send("PATCH", "/_sandbox/apps/" + MINI, "{\"dailyQuota\": 0}"), 400, "dailyQuota");
        assertControlError(client.post("/_sandbox/apps/wx0000000000000000/users/alice/login-code", ""), 404, "no app");
        assertControlError(
                client.post("/_sandbox/apps/" + OFFICIAL + "/users/alice/login-code", ""), 400, "official account");
        assertControlError(
                client.post("/_sandbox/apps/" + MINI + "/users/alice/phone-code", "{\"phoneNumber\": \"12\"}"),
                400,
                "phoneNumber");
        assertControlError(client.post("/_sandbox/clock/advance", "{}"), 400, "seconds");
        assertControlError(client.post("/_sandbox/clock/advance", "{\"seconds\": -5}"), 400, "seconds");
        assertControlError(
                client.send("PUT", "/_sandbox/faults/cgi-bin/nothing", "{\"outage\": true}"), 404, "cgi-bin/nothing");
        assertControlError(client.send("PUT", "/_sandbox/faults/cgi-bin/token", "{\"busyRate\": 2}"), 400, "busyRate");
    }

    private static void assertControlError(Reply reply, int status, String mentioned) {
        assertThat(reply.status()).isEqualTo(status);
        assertThat(reply.contentType()).startsWith("application/json");
        assertThat(reply.text("error")).contains(mentioned);
    }

    @Test
    void blockedUserCannotLogIn() {
        String code = loginCode("mallory", null);
        assertThat(client.post("/_sandbox/apps/" + MINI + "/users/mallory/block", "")
                        .json()
                        .path("blocked")
                        .asBoolean())
                .isTrue();

        assertWechatError(codeToSession(code), 40226);

        client.send("DELETE", "/_sandbox/apps/" + MINI + "/users/mallory/block", "");
        assertThat(codeToSession(code).text("openid")).isEqualTo("mallory");
    }

    @Test
    void faultsMakeCallsBusySlowOrDead() {
        Reply set = client.send("PUT", "/_sandbox/faults/cgi-bin/token", "{\"busyRate\": 1.0, \"latencyMillis\": 5}");
        assertThat(set.status()).isEqualTo(200);
        assertThat(set.json()
                        .path("faults")
                        .path("cgi-bin/token")
                        .path("busyRate")
                        .asDouble())
                .isEqualTo(1.0);
        assertWechatError(token(MINI, MINI_SECRET), -1);

        client.send("PUT", "/_sandbox/faults/sns/jscode2session", "{\"outage\": true}");
        Reply dead = codeToSession(loginCode("alice", null));
        assertThat(dead.status()).isEqualTo(503);
        assertThat(dead.raw()).isEmpty();

        assertThat(client.get("/_sandbox/faults").json().path("faults").size()).isEqualTo(2);
        client.send("DELETE", "/_sandbox/faults", "");
        assertThat(client.get("/_sandbox/faults").json().path("faults").size()).isZero();
        assertThat(token(MINI, MINI_SECRET).json().has("access_token")).isTrue();
    }

    @Test
    void statsCountEveryCallPerApp() {
        token(MINI, MINI_SECRET);
        token(MINI, OFFICIAL_SECRET);
        token("wx0000000000000000", MINI_SECRET);
        codeToSession("nonsense");

        Reply stats = client.get("/_sandbox/stats");

        assertThat(stats.json().path("apps").path(MINI).path("/cgi-bin/token").asLong())
                .isEqualTo(2);
        assertThat(stats.json()
                        .path("apps")
                        .path(MINI)
                        .path("/sns/jscode2session")
                        .asLong())
                .isEqualTo(1);
        assertThat(stats.json()
                        .path("apps")
                        .path("unknown")
                        .path("/cgi-bin/token")
                        .asLong())
                .isEqualTo(1);
    }

    @Test
    void clockCanBeReadAndAdvanced() {
        long before = client.get("/_sandbox/clock").json().path("epochSeconds").asLong();

        Reply advanced = client.post("/_sandbox/clock/advance", "{\"seconds\": 3600}");

        assertThat(advanced.json().path("epochSeconds").asLong()).isGreaterThanOrEqualTo(before + 3600);
        assertThat(advanced.json().path("offsetSeconds").asLong()).isGreaterThanOrEqualTo(3600);
        assertThat(advanced.text("zone")).isEqualTo("Asia/Shanghai");
    }

    @Test
    void threeHundredConcurrentTokenCallsAreAllAnsweredAndCounted() throws Exception {
        int calls = 300;
        Set<String> tokens = ConcurrentHashMap.newKeySet();
        CountDownLatch start = new CountDownLatch(1);
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Reply>> replies = new ArrayList<>();
            for (int i = 0; i < calls; i++) {
                replies.add(pool.submit(() -> {
                    start.await();
                    return token(MINI, MINI_SECRET);
                }));
            }
            start.countDown();
            for (Future<Reply> reply : replies) {
                Reply answered = reply.get(60, TimeUnit.SECONDS);
                assertThat(answered.status()).isEqualTo(200);
                tokens.add(answered.text("access_token"));
            }
        }

        assertThat(tokens).hasSize(calls).doesNotContain("");
        assertThat(client.get("/_sandbox/stats")
                        .json()
                        .path("apps")
                        .path(MINI)
                        .path("/cgi-bin/token")
                        .asLong())
                .isEqualTo(calls);
        assertThat(client.get("/_sandbox/apps/" + MINI)
                        .json()
                        .path("tokenCallsToday")
                        .asInt())
                .isEqualTo(calls);
    }

    @Test
    void noSecretReachesTheLog(CapturedOutput output) {
        String token = accessToken();
        String code = loginCode("alice", null);
        String key = codeToSession(code).text("session_key");
        String phoneCode = client.post("/_sandbox/apps/" + MINI + "/users/alice/phone-code", "")
                .text("code");
        client.post("/wxa/business/getuserphonenumber?access_token=" + token, "{\"code\": \"" + phoneCode + "\"}");
        Reply added = client.post("/_sandbox/apps", "");
        client.post("/_sandbox/reset", "");

        assertThat(output.getAll())
                .contains("issued")
                .doesNotContain(MINI_SECRET, token, code, key, phoneCode, added.text("secret"));
    }

    @Test
    void unexpectedFailuresLookLikeWechatsSystemError() {
        WechatApiController controller = new WechatApiController(SandboxFixtures.engine());

        var answer = controller.unexpected(new IllegalStateException("boom"));

        assertThat(answer.getStatusCode().value()).isEqualTo(200);
        assertThat(new String(answer.getBody(), StandardCharsets.UTF_8))
                .startsWith("{\"errcode\":-1,\"errmsg\":\"system error rid: ");
    }
}
