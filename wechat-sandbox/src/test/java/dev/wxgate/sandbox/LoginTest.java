package dev.wxgate.sandbox;

import static dev.wxgate.sandbox.SandboxFixtures.LONER;
import static dev.wxgate.sandbox.SandboxFixtures.LONER_SECRET;
import static dev.wxgate.sandbox.SandboxFixtures.MINI;
import static dev.wxgate.sandbox.SandboxFixtures.MINI_SECRET;
import static dev.wxgate.sandbox.SandboxFixtures.OFFICIAL;
import static dev.wxgate.sandbox.SandboxFixtures.SIBLING;
import static dev.wxgate.sandbox.SandboxFixtures.SIBLING_SECRET;
import static dev.wxgate.sandbox.SandboxFixtures.error;
import static dev.wxgate.sandbox.SandboxFixtures.login;
import static dev.wxgate.sandbox.SandboxFixtures.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class LoginTest {
    private final SandboxEngine engine = SandboxFixtures.engine();

    private Outcome<SandboxEngine.Login> exchange(String code) {
        return engine.codeToSession("GET", MINI, MINI_SECRET, code, "authorization_code");
    }

    @Test
    void codeAnswersTheOpenidItWasMadeForWithAFreshSessionKey() {
        SandboxEngine.Login first = login(engine, MINI, MINI_SECRET, "alice");
        SandboxEngine.Login second = login(engine, MINI, MINI_SECRET, "alice");

        assertThat(first.openid()).isEqualTo("alice");
        assertThat(Base64.getDecoder().decode(first.sessionKey())).hasSize(16);
        assertThat(second.sessionKey()).isNotEqualTo(first.sessionKey());
    }

    @Test
    void codeIsSingleUse() {
        String code = engine.createLoginCode(MINI, "alice", null);
        ok(exchange(code));

        assertThat(error(exchange(code))).isEqualTo(ErrorCode.CODE_BEEN_USED);
    }

    @Test
    void codeExpiresAfterFiveMinutes() {
        String fresh = engine.createLoginCode(MINI, "alice", null);
        String stale = engine.createLoginCode(MINI, "alice", null);
        engine.advanceClock(Duration.ofSeconds(299));
        ok(exchange(fresh));

        engine.advanceClock(Duration.ofSeconds(1));
        assertThat(error(exchange(stale))).isEqualTo(ErrorCode.INVALID_CODE);
    }

    @Test
    void unknownCodeAndCodeOfAnotherAppAreInvalid() {
        String siblingCode = engine.createLoginCode(SIBLING, "alice", null);

        assertThat(error(exchange("0a1b2c3d4e5f0a1b2c3d4e5f0a1b2c3d"))).isEqualTo(ErrorCode.INVALID_CODE);
        assertThat(error(exchange(siblingCode))).isEqualTo(ErrorCode.INVALID_CODE);
        ok(engine.codeToSession("GET", SIBLING, SIBLING_SECRET, siblingCode, "authorization_code"));
    }

    @Test
    void hundredLoginsPerUserPerMinuteThen45011() {
        for (int i = 0; i < 100; i++) {
            login(engine, MINI, MINI_SECRET, "alice");
        }
        String code = engine.createLoginCode(MINI, "alice", null);
        assertThat(error(exchange(code))).isEqualTo(ErrorCode.MINUTE_QUOTA);
        // Other users are not limited by alice.
        login(engine, MINI, MINI_SECRET, "bob");

        engine.advanceClock(Duration.ofMinutes(1));
        // The refused call did not consume the code.
        assertThat(ok(exchange(code)).openid()).isEqualTo("alice");
    }

    @Test
    void blockedUserIsRefusedWith40226UntilUnblocked() {
        engine.block(MINI, "mallory", true);
        String code = engine.createLoginCode(MINI, "mallory", null);

        assertThat(error(exchange(code))).isEqualTo(ErrorCode.HIGH_RISK_USER);

        engine.block(MINI, "mallory", false);
        assertThat(ok(exchange(code)).openid()).isEqualTo("mallory");
    }

    @Test
    void appsOfOneOpenPlatformAccountGiveTheSameUnionid() {
        String viaMini = login(engine, MINI, MINI_SECRET, "alice").unionid();
        String viaSibling = login(engine, SIBLING, SIBLING_SECRET, "alice").unionid();

        assertThat(viaMini).isNotNull().matches("o[A-Za-z0-9_-]{27}").isEqualTo(viaSibling);
        assertThat(login(engine, MINI, MINI_SECRET, "bob").unionid()).isNotEqualTo(viaMini);
        assertThat(login(engine, LONER, LONER_SECRET, "alice").unionid()).isNull();
    }

    @Test
    void unionidCanBeNamedThroughTheControlApi() {
        String code = engine.createLoginCode(MINI, "alice", "o_custom_unionid");
        assertThat(ok(exchange(code)).unionid()).isEqualTo("o_custom_unionid");

        assertThatThrownBy(() -> engine.createLoginCode(LONER, "alice", "o_custom_unionid"))
                .isInstanceOf(SandboxInputException.class)
                .hasMessageContaining("unionGroup");
    }

    @Test
    void onlyMiniProgramUsersGetLoginCodes() {
        assertThatThrownBy(() -> engine.createLoginCode(OFFICIAL, "alice", null))
                .isInstanceOf(SandboxInputException.class)
                .hasMessageContaining("official account");
        assertThatThrownBy(() -> engine.createLoginCode("wx9999999999999999", "alice", null))
                .isInstanceOf(SandboxInputException.class)
                .extracting(e -> ((SandboxInputException) e).kind())
                .isEqualTo(SandboxInputException.Kind.NOT_FOUND);
        assertThatThrownBy(() -> engine.createLoginCode(MINI, "not an openid!", null))
                .isInstanceOf(SandboxInputException.class);
    }

    @Test
    void loginNeedsNoAccessToken() {
        engine.setFault(Endpoint.TOKEN, new Fault(0, 0, true));
        engine.setFault(Endpoint.STABLE_TOKEN, new Fault(0, 0, true));

        assertThat(login(engine, MINI, MINI_SECRET, "alice").openid()).isEqualTo("alice");
    }

    @Test
    void malformedRequestsGetWechatsCodes() {
        String code = engine.createLoginCode(MINI, "alice", null);

        assertThat(error(engine.codeToSession("POST", MINI, MINI_SECRET, code, "authorization_code")))
                .isEqualTo(ErrorCode.REQUIRE_GET);
        assertThat(error(engine.codeToSession("GET", null, MINI_SECRET, code, "authorization_code")))
                .isEqualTo(ErrorCode.APPID_MISSING);
        assertThat(error(engine.codeToSession("GET", MINI, null, code, "authorization_code")))
                .isEqualTo(ErrorCode.APPSECRET_MISSING);
        assertThat(error(engine.codeToSession("GET", MINI, MINI_SECRET, code, null)))
                .isEqualTo(ErrorCode.INVALID_GRANT_TYPE);
        assertThat(error(engine.codeToSession("GET", "wx9999999999999999", MINI_SECRET, code, "authorization_code")))
                .isEqualTo(ErrorCode.INVALID_APPID);
        assertThat(error(engine.codeToSession("GET", MINI, LONER_SECRET, code, "authorization_code")))
                .isEqualTo(ErrorCode.INVALID_APPSECRET);
        assertThat(error(engine.codeToSession("GET", MINI, MINI_SECRET, " ", "authorization_code")))
                .isEqualTo(ErrorCode.CODE_MISSING);
        // None of these consumed the code.
        ok(exchange(code));
    }
}
