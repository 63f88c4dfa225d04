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
import java.security.SecureRandom;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A website app's QR login: its own page and scope, the same code exchange, the account's unionid, no token. */
class WebsiteQrLoginTest {
    static final String WEBSITE = "wx5555555555555555";
    static final String WEBSITE_SECRET = "55555555555555555555555555555555";
    private static final String PAGE = "http://localhost:8080/oauth/" + WEBSITE + "/callback";

    private final SandboxEngine engine = engine();

    static SandboxEngine engine() {
        List<AppConfig> apps = new ArrayList<>(SandboxFixtures.apps());
        apps.add(new AppConfig(WEBSITE, WEBSITE_SECRET, AppType.WEBSITE, "group-a", 7200, 2000, 500_000));
        return new SandboxEngine(
                apps, Clock.fixed(SandboxFixtures.START, ZoneOffset.UTC), new SecureRandom(), () -> 0.5, d -> {});
    }

    private String code(String openid) {
        var decision = (WebConsent.Decision.Redirect)
                engine.webDecide(WebConsent.Page.QRCONNECT, WEBSITE, PAGE, "snsapi_login", "st4te", openid, true, null);
        URI location = decision.location();
        assertThat(location.toString()).startsWith(PAGE + "?code=").endsWith("&state=st4te");
        String query = location.getRawQuery();
        return query.substring(query.indexOf("code=") + 5, query.indexOf("&state="));
    }

    @Test
    void aScannedCodeIsExchangedWithTheWebsiteSecretForTheMiniProgramsUnionidAndReadsUserinfo() {
        String unionInMini = login(engine, MINI, MINI_SECRET, "alice").unionid();
        String code = code("alice");

        assertThat(error(engine.webAccessToken("GET", OFFICIAL, OFFICIAL_SECRET, code, "authorization_code")))
                .isEqualTo(ErrorCode.INVALID_CODE);
        WebOAuthEndpoints.Grant grant =
                ok(engine.webAccessToken("GET", WEBSITE, WEBSITE_SECRET, code, "authorization_code"));

        assertThat(grant.scope()).isEqualTo("snsapi_login");
        assertThat(grant.unionid()).isNotNull().isEqualTo(unionInMini);
        assertThat(ok(engine.webUserInfo("GET", grant.accessToken(), "alice")).unionid())
                .isEqualTo(unionInMini);
        assertThat(error(engine.webAccessToken("GET", WEBSITE, WEBSITE_SECRET, code, "authorization_code")))
                .isEqualTo(ErrorCode.CODE_BEEN_USED);
        assertThat(engine.stats().get(WEBSITE)).containsEntry("/connect/qrconnect", 1L);
    }

    @Test
    void eachPageServesItsOwnKindOfAppAndScopeWith10005Otherwise() {
        assertThat(engine.webAuthorize(WebConsent.Page.QRCONNECT, WEBSITE, PAGE, "snsapi_login", "s"))
                .isInstanceOf(WebConsent.Authorize.Valid.class);
        for (String scope : List.of("snsapi_base", "snsapi_userinfo")) {
            assertThat(refusal(WebConsent.Page.QRCONNECT, WEBSITE, scope))
                    .as(scope)
                    .isEqualTo(10005);
        }
        assertThat(refusal(WebConsent.Page.QRCONNECT, OFFICIAL, "snsapi_login")).isEqualTo(10005);
        assertThat(refusal(WebConsent.Page.AUTHORIZE, WEBSITE, "snsapi_login")).isEqualTo(10005);
        assertThat(refusal(WebConsent.Page.AUTHORIZE, WEBSITE, "snsapi_base")).isEqualTo(10005);
        assertThat(refusal(WebConsent.Page.QRCONNECT, WEBSITE, null)).isEqualTo(10010);
    }

    @Test
    void aWebsiteAppGetsNoAccessToken() {
        assertThat(error(engine.classicToken("GET", "client_credential", WEBSITE, WEBSITE_SECRET)))
                .isEqualTo(ErrorCode.API_UNAUTHORIZED);
        assertThat(error(SandboxFixtures.stable(engine, WEBSITE, WEBSITE_SECRET, false)))
                .isEqualTo(ErrorCode.API_UNAUTHORIZED);
        assertThat(error(engine.classicToken("GET", "client_credential", WEBSITE, OFFICIAL_SECRET)))
                .isEqualTo(ErrorCode.INVALID_APPSECRET);
    }

    private int refusal(WebConsent.Page page, String appid, String scope) {
        return ((WebConsent.Authorize.Refused) engine.webAuthorize(page, appid, PAGE, scope, "s")).code();
    }
}
