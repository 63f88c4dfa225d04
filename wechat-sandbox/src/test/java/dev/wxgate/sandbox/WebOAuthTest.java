package dev.wxgate.sandbox;

import static dev.wxgate.sandbox.SandboxFixtures.MINI;
import static dev.wxgate.sandbox.SandboxFixtures.MINI_SECRET;
import static dev.wxgate.sandbox.SandboxFixtures.OFFICIAL;
import static dev.wxgate.sandbox.SandboxFixtures.OFFICIAL_SECRET;
import static dev.wxgate.sandbox.SandboxFixtures.error;
import static dev.wxgate.sandbox.SandboxFixtures.login;
import static dev.wxgate.sandbox.SandboxFixtures.ok;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WebOAuthTest {
    private static final String PAGE = "http://127.0.0.1:8080/oauth/" + OFFICIAL + "/callback?x=1";
    private final SandboxEngine engine = SandboxFixtures.engine();

    private String code(String openid, String scope) {
        WebConsent.Decision decision =
                engine.webDecide(WebConsent.Page.AUTHORIZE, OFFICIAL, PAGE, scope, "st4te", openid, true, null);
        URI location = ((WebConsent.Decision.Redirect) decision).location();
        assertThat(location.toString()).startsWith(PAGE + "&code=").endsWith("&state=st4te");
        String query = location.getRawQuery();
        return query.substring(query.indexOf("code=") + 5, query.indexOf("&state="));
    }

    private Outcome<WebOAuthEndpoints.Grant> exchange(String code) {
        return engine.webAccessToken("GET", OFFICIAL, OFFICIAL_SECRET, code, "authorization_code");
    }

    @Test
    void theConsentPageListsTheAccountsUsersAndRefusesAForeignRedirectWith10003() {
        login(engine, MINI, MINI_SECRET, "alice");

        var valid = (WebConsent.Authorize.Valid)
                engine.webAuthorize(WebConsent.Page.AUTHORIZE, OFFICIAL, PAGE, "snsapi_base", "s");
        assertThat(valid.users()).contains("alice");

        for (String foreign : new String[] {
            "https://evil.example.com/cb",
            "http://127.0.0.1.evil.com/cb",
            "http://127.0.0.1@evil.com/cb",
            "javascript:x"
        }) {
            var refused = (WebConsent.Authorize.Refused)
                    engine.webAuthorize(WebConsent.Page.AUTHORIZE, OFFICIAL, foreign, "snsapi_base", "s");
            assertThat(refused.code()).as(foreign).isEqualTo(10003);
        }
        assertThat(engine.webAuthorize(WebConsent.Page.AUTHORIZE, MINI, PAGE, "snsapi_base", "s"))
                .isEqualTo(new WebConsent.Authorize.Refused(
                        10005, "此公众号并没有这些scope的权限 (mini-program apps do not use /connect/oauth2/authorize)"));
        assertThat(((WebConsent.Authorize.Refused)
                                engine.webAuthorize(WebConsent.Page.AUTHORIZE, OFFICIAL, PAGE, "snsapi_login", "s"))
                        .code())
                .isEqualTo(10005);
    }

    @Test
    void aDeclinedLoginGoesBackWithTheStateOnly() {
        var decision = (WebConsent.Decision.Redirect) engine.webDecide(
                WebConsent.Page.AUTHORIZE, OFFICIAL, PAGE, "snsapi_userinfo", "st4te", null, false, null);

        assertThat(decision.location()).hasToString(PAGE + "&state=st4te");
    }

    @Test
    void aCodeIsExchangedOnceForTheUserWithTheMiniProgramsUnionid() {
        String unionInMini = login(engine, MINI, MINI_SECRET, "alice").unionid();
        String code = code("alice", "snsapi_base");

        WebOAuthEndpoints.Grant grant = ok(exchange(code));

        assertThat(grant.openid()).isEqualTo("alice");
        assertThat(grant.scope()).isEqualTo("snsapi_base");
        assertThat(grant.unionid()).isNotNull().isEqualTo(unionInMini);
        assertThat(grant.expiresIn()).isEqualTo(7200);
        assertThat(error(exchange(code))).isEqualTo(ErrorCode.CODE_BEEN_USED);
        assertThat(engine.calls(OFFICIAL, Endpoint.WEB_ACCESS_TOKEN)).isEqualTo(2);
    }

    @Test
    void aCodeLivesFiveMinutesAndWorksOnlyWithItsAppsSecret() {
        String code = code("alice", "snsapi_base");

        assertThat(error(engine.webAccessToken("GET", OFFICIAL, MINI_SECRET, code, "authorization_code")))
                .isEqualTo(ErrorCode.INVALID_APPSECRET);
        assertThat(error(engine.webAccessToken("GET", MINI, MINI_SECRET, code, "authorization_code")))
                .isEqualTo(ErrorCode.INVALID_CODE);
        assertThat(error(exchange("made-up"))).isEqualTo(ErrorCode.INVALID_CODE);

        engine.advanceClock(Duration.ofMinutes(5));
        assertThat(error(exchange(code))).isEqualTo(ErrorCode.INVALID_CODE);
    }

    @Test
    void userinfoNeedsTheUserinfoScope() {
        WebOAuthEndpoints.Grant base = ok(exchange(code("alice", "snsapi_base")));
        assertThat(error(engine.webUserInfo("GET", base.accessToken(), "alice")))
                .isEqualTo(ErrorCode.API_UNAUTHORIZED);

        engine.webDecide(WebConsent.Page.AUTHORIZE, OFFICIAL, PAGE, "snsapi_userinfo", "s", "bob", true, "Bob <b>");
        WebOAuthEndpoints.Grant full = ok(exchange(code("bob", "snsapi_userinfo")));
        WebOAuthEndpoints.UserInfo info = ok(engine.webUserInfo("GET", full.accessToken(), "bob"));

        assertThat(info.nickname()).isEqualTo("Bob <b>");
        assertThat(info.headimgurl()).startsWith("https://");
        assertThat(error(engine.webUserInfo("GET", full.accessToken(), "alice")))
                .isEqualTo(ErrorCode.INVALID_OPENID);
        assertThat(error(engine.webUserInfo("GET", "nope", "bob"))).isEqualTo(ErrorCode.INVALID_CREDENTIAL);
    }

    @Test
    void aRefreshTokenGivesANewAccessTokenAndSnsAuthChecksIt() {
        WebOAuthEndpoints.Grant grant = ok(exchange(code("alice", "snsapi_base")));
        ok(engine.webAuth("GET", grant.accessToken(), "alice"));

        engine.advanceClock(Duration.ofHours(2));
        assertThat(error(engine.webAuth("GET", grant.accessToken(), "alice")))
                .isEqualTo(ErrorCode.ACCESS_TOKEN_EXPIRED);
        WebOAuthEndpoints.Grant refreshed =
                ok(engine.webRefreshToken("GET", OFFICIAL, "refresh_token", grant.refreshToken()));

        assertThat(refreshed.accessToken()).isNotEqualTo(grant.accessToken());
        assertThat(refreshed.refreshToken()).isEqualTo(grant.refreshToken());
        ok(engine.webAuth("GET", refreshed.accessToken(), "alice"));
        assertThat(error(engine.webRefreshToken("GET", OFFICIAL, "refresh_token", "nope")))
                .isEqualTo(ErrorCode.INVALID_REFRESH_TOKEN);
        engine.advanceClock(Duration.ofDays(30));
        assertThat(error(engine.webRefreshToken("GET", OFFICIAL, "refresh_token", grant.refreshToken())))
                .isEqualTo(ErrorCode.REFRESH_TOKEN_EXPIRED);
    }

    @Test
    void everyWebLoginEndpointIsCounted() {
        engine.webAuthorize(WebConsent.Page.AUTHORIZE, OFFICIAL, PAGE, "snsapi_base", "s");
        WebOAuthEndpoints.Grant grant = ok(exchange(code("alice", "snsapi_userinfo")));
        engine.webUserInfo("GET", grant.accessToken(), "alice");
        engine.webAuth("GET", grant.accessToken(), "alice");
        engine.webRefreshToken("GET", OFFICIAL, "refresh_token", grant.refreshToken());

        assertThat(engine.stats().get(OFFICIAL))
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        "/connect/oauth2/authorize", 2L,
                        "/sns/oauth2/access_token", 1L,
                        "/sns/userinfo", 1L,
                        "/sns/auth", 1L,
                        "/sns/oauth2/refresh_token", 1L));
    }
}
