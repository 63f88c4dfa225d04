package dev.wxgate.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wxgate.api.ApiClient.Answer;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * A user's session_key over its life, end to end against the embedded sandbox: a second login and a reset give every
 * live session of the user the key WeChat holds, and encryptedData is opened only while fresh.
 */
@SpringBootTest(
        classes = dev.wxgate.bootstrap.WxgateApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"wxgate.login.per-client-ip=100000", "wxgate.sessions.encrypted-data-max-age=10m"})
@ActiveProfiles("test")
class SessionKeyLifecycleTest {
    private static final String USERS = "/_sandbox/apps/" + ApiClient.MINI_PROGRAM + "/users/";

    @LocalServerPort
    int port;

    ApiClient api;

    @BeforeEach
    void client() {
        api = new ApiClient(port);
        api.send("DELETE", "/_sandbox/faults", null, null, null);
    }

    @AfterEach
    void noFaults() {
        api.send("DELETE", "/_sandbox/faults", null, null, null);
    }

    private boolean wechatHoldsTheKeyOf(String token) {
        Answer check = api.get("/api/v1/session/wechat", token);
        assertThat(check.status()).as(check.body()).isEqualTo(200);
        return check.json().path("valid").asBoolean();
    }

    /** encryptedData of {@code openid} as WeChat makes it now (under the key WeChat holds), watermarked {@code at}. */
    private Answer encryptedData(String openid, long at) {
        Answer sealed = api.post(USERS + openid + "/encrypted-data?timestamp=" + at, null, Map.of("nickName", "Mei"));
        assertThat(sealed.status()).as(sealed.body()).isEqualTo(201);
        return sealed;
    }

    private Answer decrypt(String token, Answer sealed) {
        return api.post(
                "/api/v1/me/decrypt",
                token,
                Map.of("encryptedData", sealed.text("encryptedData"), "iv", sealed.text("iv")));
    }

    @Test
    void aSecondLoginGivesTheUsersFirstSessionTheNewKeyToo() {
        String first = api.logIn("oTwoPhones").text("token");
        String second = api.logIn("oTwoPhones").text("token");

        assertThat(wechatHoldsTheKeyOf(first)).isTrue();
        assertThat(wechatHoldsTheKeyOf(second)).isTrue();
        Answer sealed = encryptedData("oTwoPhones", Instant.now().getEpochSecond());
        for (String token : List.of(first, second)) {
            assertThat(decrypt(token, sealed).text("nickName")).isEqualTo("Mei");
        }
    }

    @Test
    void aResetGivesEverySessionOfTheUserTheNewKeyAndNeverShowsIt() {
        String first = api.logIn("oReset").text("token");
        String second = api.logIn("oReset").text("token");
        String someoneElse = api.logIn("oBystander").text("token");

        Answer reset = api.post("/api/v1/session/wechat/reset", first, Map.of());

        assertThat(reset.status()).as(reset.body()).isEqualTo(200);
        assertThat(reset.json().path("reset").asBoolean()).isTrue();
        assertThat(reset.json().path("sessions").asInt()).isEqualTo(2);
        assertThat(reset.body()).doesNotContain("session_key", "sessionKey");
        assertThat(wechatHoldsTheKeyOf(first)).isTrue();
        assertThat(wechatHoldsTheKeyOf(second)).isTrue();
        assertThat(wechatHoldsTheKeyOf(someoneElse)).isTrue();
        Answer sealed = encryptedData("oReset", Instant.now().getEpochSecond());
        for (String token : List.of(first, second)) {
            Answer opened = decrypt(token, sealed);
            assertThat(opened.status()).as(opened.body()).isEqualTo(200);
            assertThat(opened.text("nickName")).isEqualTo("Mei");
        }
    }

    @Test
    void aResetOfAKeyWechatNoLongerHoldsIs409AndABusyWechat503() {
        String token = api.logIn("oStale").text("token");
        // The user logs in somewhere wxgate does not see: WeChat's key moves on, the session's is stale.
        Answer elsewhere = api.get(
                "/_sandbox/wechat/sns/jscode2session?appid=" + ApiClient.MINI_PROGRAM
                        + "&secret=5a4d0b0c1e2f3a4b5c6d7e8f90a10001&grant_type=authorization_code&js_code="
                        + api.loginCode("oStale"),
                null);
        assertThat(elsewhere.text("session_key")).isNotBlank();

        Answer stale = api.post("/api/v1/session/wechat/reset", token, Map.of());
        assertThat(stale.status()).as(stale.body()).isEqualTo(409);
        assertThat(stale.text("error")).isEqualTo("session_key_stale");

        String fresh = api.logIn("oStale").text("token");
        api.send("PUT", "/_sandbox/faults/wxa/resetusersessionkey", null, "application/json", "{\"busyRate\":1}");
        Answer busy = api.post("/api/v1/session/wechat/reset", fresh, Map.of());
        assertThat(busy.status()).as(busy.body()).isEqualTo(503);
        assertThat(busy.text("error")).isEqualTo("wechat_unavailable");
        assertThat(wechatHoldsTheKeyOf(fresh)).isTrue(); // nothing changed
    }

    @Test
    void encryptedDataOlderThanTheMaximumAgeIsRefused() {
        String token = api.logIn("oOldData").text("token");
        long now = Instant.now().getEpochSecond();

        Answer old = decrypt(token, encryptedData("oOldData", now - 11 * 60));
        assertThat(old.status()).isEqualTo(400);
        assertThat(old.text("error")).isEqualTo("encrypted_data_expired");
        assertThat(old.body()).doesNotContain("Mei");

        assertThat(decrypt(token, encryptedData("oOldData", now - 60)).status()).isEqualTo(200);
    }

    @Test
    void rawDataFromTheSandboxVerifiesWithTheSessionKey() {
        String token = api.logIn("oRaw").text("token");
        Answer raw = api.post(USERS + "oRaw/raw-data", null, Map.of("nickName", "Mei"));

        Answer verified = api.post(
                "/api/v1/me/verify-raw-data",
                token,
                Map.of("rawData", raw.text("rawData"), "signature", raw.text("signature")));

        assertThat(verified.json().path("valid").asBoolean()).isTrue();
    }
}
