package dev.wxgate.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.clearInvocations;
import static org.mockito.Mockito.verifyNoInteractions;

import dev.wxgate.api.ApiClient.Answer;
import dev.wxgate.domain.user.UserRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;

/** The mini-program API end to end over HTTP, against the embedded sandbox: the embedded default's flow. */
@SpringBootTest(
        classes = dev.wxgate.bootstrap.WxgateApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"wxgate.sessions.refresh-grace=2s", "wxgate.login.per-client-ip=100000"})
@ActiveProfiles("test")
@ExtendWith(OutputCaptureExtension.class)
class MiniProgramApiTest {
    // Subclasses run the same suite on the Redis store with PostgreSQL and with MariaDB.

    @LocalServerPort
    int port;

    ApiClient api;

    /** The real registry, watched: who-am-I must not read it. */
    @MockitoSpyBean
    UserRegistry users;

    @BeforeEach
    void client() {
        api = new ApiClient(port);
        api.send("DELETE", "/_sandbox/faults", null, null, null);
    }

    @Test
    void logInSeeMeRefreshAndLogOut(CapturedOutput output) {
        String code = api.loginCode("oFlowUser");
        Answer login = api.post("/api/v1/login", null, Map.of("code", code));
        assertThat(login.status()).isEqualTo(200);
        String token = login.text("token");
        assertThat(token).hasSize(43);
        assertThat(login.json().path("expiresIn").asLong()).isBetween(1790L, 1800L);
        assertThat(login.json().path("user").path("openid").asString()).isEqualTo("oFlowUser");
        assertThat(login.json().path("user").path("newUser").asBoolean()).isTrue();
        assertThat(login.json().path("user").path("unionid").asString()).isNotBlank();
        assertThat(login.body()).doesNotContain("session_key", "sessionKey");

        Answer me = api.get("/api/v1/me", token);
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json().path("id").asLong())
                .isEqualTo(login.json().path("user").path("id").asLong());
        assertThat(me.text("openid")).isEqualTo("oFlowUser");
        assertThat(me.json().path("profileComplete").asBoolean()).isFalse();

        Answer profile = api.send(
                "PUT",
                "/api/v1/me/profile",
                token,
                "application/json",
                "{\"nickname\":\"小明\",\"avatarUrl\":\"https://thirdwx.qlogo.cn/mmopen/a.png\"}");
        assertThat(profile.status()).isEqualTo(200);
        assertThat(profile.json().path("profileComplete").asBoolean()).isTrue();
        assertThat(profile.text("nickname")).isEqualTo("小明");

        Answer refreshed = api.post("/api/v1/session/refresh", token, Map.of());
        assertThat(refreshed.status()).isEqualTo(200);
        String newToken = refreshed.text("token");
        assertThat(newToken).isNotEqualTo(token);
        assertThat(api.get("/api/v1/me", newToken).status()).isEqualTo(200);
        assertThat(api.get("/api/v1/me", token).status())
                .as("the old token works within the grace period")
                .isEqualTo(200);
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .until(() -> api.get("/api/v1/me", token).status() == 401);

        assertThat(api.post("/api/v1/logout", newToken, Map.of()).status()).isEqualTo(204);
        Answer after = api.get("/api/v1/me", newToken);
        assertThat(after.status()).isEqualTo(401);
        assertThat(after.text("error")).isEqualTo("invalid_session");
        assertThat(output.getAll())
                .as("no log line carries a token or a login code")
                .doesNotContain(token, newToken, code);
    }

    @Test
    void aProfileChangeThroughOneSessionIsSeenAtOnceThroughEveryOtherSessionOfTheUser() {
        String phone = api.logIn("oTwoDevices").text("token");
        String laptop = api.logIn("oTwoDevices").text("token");
        assertThat(api.get("/api/v1/me", laptop).json().has("nickname")).isFalse();

        Answer changed = api.send(
                "PUT",
                "/api/v1/me/profile",
                phone,
                "application/json",
                "{\"nickname\":\"小红\",\"avatarUrl\":\"https://thirdwx.qlogo.cn/mmopen/b.png\"}");
        assertThat(changed.status()).isEqualTo(200);

        Answer seen = api.get("/api/v1/me", laptop);
        assertThat(seen.status()).isEqualTo(200);
        assertThat(seen.text("nickname")).isEqualTo("小红");
        assertThat(seen.text("avatarUrl")).isEqualTo("https://thirdwx.qlogo.cn/mmopen/b.png");
        assertThat(seen.json().path("profileComplete").asBoolean()).isTrue();
        assertThat(seen.json().path("id").asLong())
                .isEqualTo(changed.json().path("id").asLong());

        Answer cleared = api.send("PUT", "/api/v1/me/profile", laptop, "application/json", "{\"nickname\":\"小红\"}");
        assertThat(cleared.status()).isEqualTo(200);
        Answer seenByPhone = api.get("/api/v1/me", phone);
        assertThat(seenByPhone.text("nickname")).isEqualTo("小红");
        assertThat(seenByPhone.json().has("avatarUrl")).isFalse();
        assertThat(seenByPhone.json().path("profileComplete").asBoolean()).isFalse();
    }

    @Test
    void whoAmIIsAnsweredWithoutReadingTheUserStore() {
        Answer login = api.logIn("oNoDatabase");
        String token = login.text("token");
        clearInvocations(users);

        for (int i = 0; i < 3; i++) {
            Answer me = api.get("/api/v1/me", token);
            assertThat(me.status()).isEqualTo(200);
            assertThat(me.text("openid")).isEqualTo("oNoDatabase");
            assertThat(me.text("unionid"))
                    .isEqualTo(login.json().path("user").path("unionid").asString());
            assertThat(me.json().has("registeredAt")).isTrue();
        }

        verifyNoInteractions(users);
    }

    @Test
    void aSecondLoginFindsTheSameUser() {
        long first = api.logIn("oReturning").json().path("user").path("id").asLong();
        Answer second = api.logIn("oReturning");

        assertThat(second.json().path("user").path("id").asLong()).isEqualTo(first);
        assertThat(second.json().path("user").path("newUser").asBoolean()).isFalse();
    }

    @Test
    void fiftyConcurrentFirstLoginsOfOneUserMakeOneUser() throws Exception {
        List<String> codes = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            codes.add(api.loginCode("oRushUser"));
        }
        List<Callable<Answer>> logins = codes.stream()
                .<Callable<Answer>>map(code -> () -> api.post("/api/v1/login", null, Map.of("code", code)))
                .toList();
        List<Answer> answers = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Future<Answer> answer : pool.invokeAll(logins)) {
                answers.add(answer.get());
            }
        }

        assertThat(answers).allSatisfy(answer -> assertThat(answer.status()).isEqualTo(200));
        Set<Long> userIds = new HashSet<>();
        answers.forEach(
                answer -> userIds.add(answer.json().path("user").path("id").asLong()));
        assertThat(userIds).hasSize(1);
        assertThat(answers.stream()
                        .filter(answer ->
                                answer.json().path("user").path("newUser").asBoolean()))
                .hasSize(1);
    }

    @Test
    void listAndRevokeMySessions() {
        String first = api.logIn("oManySessions").text("token");
        String second = api.logIn("oManySessions").text("token");

        Answer mine = api.get("/api/v1/sessions", second);
        assertThat(mine.status()).isEqualTo(200);
        assertThat(mine.json().size()).isEqualTo(2);
        assertThat(mine.body()).doesNotContain(first, second);
        String firstId = null;
        for (var session : mine.json()) {
            if (!session.path("current").asBoolean()) {
                firstId = session.path("id").asString();
            }
        }

        assertThat(api.delete("/api/v1/sessions/" + firstId, second).status()).isEqualTo(204);
        assertThat(api.get("/api/v1/me", first).status()).isEqualTo(401);
        assertThat(api.get("/api/v1/me", second).status()).isEqualTo(200);
        Answer again = api.delete("/api/v1/sessions/" + firstId, second);
        assertThat(again.status()).isEqualTo(404);
        assertThat(again.text("error")).isEqualTo("unknown_session");
        assertThat(api.delete("/api/v1/sessions/not-an-id!", second).status()).isEqualTo(400);
    }

    @Test
    void wechatErrorsAnswerAsSpecified() {
        String code = api.loginCode("oErrors");
        assertThat(api.post("/api/v1/login", null, Map.of("code", code)).status())
                .isEqualTo(200);

        Answer reused = api.post("/api/v1/login", null, Map.of("code", code));
        assertThat(reused.status()).isEqualTo(409);
        assertThat(reused.text("error")).isEqualTo("code_used");

        Answer invalid = api.post("/api/v1/login", null, Map.of("code", "no-such-code"));
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.text("error")).isEqualTo("invalid_code");

        api.post("/_sandbox/apps/" + ApiClient.MINI_PROGRAM + "/users/oBlocked/block", null, Map.of());
        Answer blocked = api.logIn("oBlocked");
        assertThat(blocked.status()).isEqualTo(403);
        assertThat(blocked.text("error")).isEqualTo("user_blocked");

        Answer unknownApp =
                api.post("/api/v1/login", null, Map.of("appId", "wx00000000000000ff", "code", api.loginCode("oX")));
        assertThat(unknownApp.status()).isEqualTo(404);
        assertThat(unknownApp.text("error")).isEqualTo("unknown_app");

        Answer notMiniProgram = api.post(
                "/api/v1/login",
                null,
                Map.of("appId", ApiClient.OFFICIAL_ACCOUNT, "code", api.loginCode("oAccountUser")));
        assertThat(notMiniProgram.status()).isEqualTo(400);

        api.send("PUT", "/_sandbox/faults/sns/jscode2session", null, "application/json", "{\"outage\":true}");
        Answer down = api.logIn("oDuringOutage");
        assertThat(down.status()).isEqualTo(503);
        assertThat(down.text("error")).isEqualTo("wechat_unavailable");
    }

    @Test
    void wechatsPerUserLimitIs429() {
        String lastStatus = null;
        for (int i = 0; i < 101; i++) {
            Answer answer = api.logIn("oHammering");
            lastStatus = answer.status() + " " + answer.text("error");
        }
        assertThat(lastStatus).isEqualTo("429 rate_limited");
    }

    @Test
    void badInputIsA4xxWithAJsonCode() {
        assertThat(api.send("POST", "/api/v1/login", null, "application/json", "{not json")
                        .text("error"))
                .isEqualTo("malformed_json");
        assertThat(api.send("POST", "/api/v1/login", null, "text/plain", "code=1")
                        .status())
                .isEqualTo(415);
        Answer missing = api.send("POST", "/api/v1/login", null, "application/json", "{}");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.text("message")).isEqualTo("code is required");
        assertThat(api.send("POST", "/api/v1/login", null, "application/json", "{\"code\": 5}")
                        .status())
                .isEqualTo(400);
        assertThat(api.post("/api/v1/login", null, Map.of("code", "x".repeat(200)))
                        .status())
                .isEqualTo(400);
        assertThat(api.post("/api/v1/login", null, Map.of("appId", "not-an-app", "code", "c"))
                        .status())
                .isEqualTo(400);
        Answer huge = api.post("/api/v1/login", null, Map.of("code", "y".repeat(70_000)));
        assertThat(huge.status()).isEqualTo(413);
        assertThat(huge.text("error")).isEqualTo("payload_too_large");
        assertThat(api.get("/api/v1/login", null).status()).isIn(401, 405);

        String token = api.logIn("oBadInput").text("token");
        assertThat(api.get("/api/v1/me", "short").status()).isEqualTo(401);
        assertThat(api.get("/api/v1/me", "A".repeat(43)).status()).isEqualTo(401);
        assertThat(api.get("/api/v1/nope", token).status()).isEqualTo(404);
        Answer badProfile = api.send(
                "PUT",
                "/api/v1/me/profile",
                token,
                "application/json",
                "{\"nickname\":\"" + "n".repeat(65) + "\",\"avatarUrl\":\"https://a/b.png\"}");
        assertThat(badProfile.status()).isEqualTo(400);
        assertThat(badProfile.text("error")).isEqualTo("invalid_request");
        assertThat(api.post("/api/v1/me/decrypt", token, Map.of("encryptedData", "%%%", "iv", "AAAA"))
                        .status())
                .isEqualTo(400);
    }

    @Test
    void encryptedDataOpensWithTheSessionKeyOnlyForItsOwnUser() {
        String token = api.logIn("oDecrypt").text("token");
        Answer sealed = api.post(
                "/_sandbox/apps/" + ApiClient.MINI_PROGRAM + "/users/oDecrypt/encrypted-data",
                null,
                Map.of("nickName", "微信用户", "gender", 0));

        Answer opened = api.post(
                "/api/v1/me/decrypt",
                token,
                Map.of("encryptedData", sealed.text("encryptedData"), "iv", sealed.text("iv")));
        assertThat(opened.status()).isEqualTo(200);
        assertThat(opened.text("nickName")).isEqualTo("微信用户");
        assertThat(opened.json().path("watermark").path("appid").asString()).isEqualTo(ApiClient.MINI_PROGRAM);

        String otherToken = api.logIn("oSomeoneElse").text("token");
        Answer foreign = api.post(
                "/api/v1/me/decrypt",
                otherToken,
                Map.of("encryptedData", sealed.text("encryptedData"), "iv", sealed.text("iv")));
        assertThat(foreign.status()).isEqualTo(400);
        assertThat(foreign.text("error")).isEqualTo("undecryptable");
        assertThat(foreign.body()).doesNotContain("微信用户");
    }

    @Test
    void phoneNumberAndSessionCheckUseTheAppsAccessToken() {
        String token = api.logIn("oPhone").text("token");
        String phoneCode = api.post(
                        "/_sandbox/apps/" + ApiClient.MINI_PROGRAM + "/users/oPhone/phone-code",
                        null,
                        Map.of("phoneNumber", "+86 13800138000"))
                .text("code");

        Answer phone = api.post("/api/v1/me/phone", token, Map.of("code", phoneCode));
        assertThat(phone.status()).isEqualTo(200);
        assertThat(phone.text("purePhoneNumber")).isEqualTo("13800138000");
        assertThat(phone.text("countryCode")).isEqualTo("86");
        Answer reused = api.post("/api/v1/me/phone", token, Map.of("code", phoneCode));
        assertThat(reused.status()).isEqualTo(409);

        Answer check = api.get("/api/v1/session/wechat", token);
        assertThat(check.status()).isEqualTo(200);
        assertThat(check.json().path("valid").asBoolean()).isTrue();
        // A new login gives the user a new session_key and kills the old one at WeChat: wxgate hands it to this
        // session too, so its check still holds.
        api.logIn("oPhone");
        assertThat(api.get("/api/v1/session/wechat", token).json().path("valid").asBoolean())
                .isTrue();
    }

    @Test
    void rawDataSignaturesAreCheckedWithTheSessionKey() {
        String token = api.logIn("oRawData").text("token");

        Answer forged = api.post(
                "/api/v1/me/verify-raw-data",
                token,
                Map.of("rawData", "{\"nickName\":\"x\"}", "signature", "0".repeat(40)));

        assertThat(forged.status()).isEqualTo(200);
        assertThat(forged.json().path("valid").asBoolean()).isFalse();
    }
}
