package dev.wxgate.oauth;

import static dev.wxgate.oauth.WebBrowser.MINI_PROGRAM;
import static dev.wxgate.oauth.WebBrowser.OFFICIAL_ACCOUNT;
import static dev.wxgate.oauth.WebBrowser.WEBSITE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import dev.wxgate.application.token.NoAccessTokenException;
import dev.wxgate.application.token.RefreshAheadOfExpiry;
import dev.wxgate.application.token.TokenStatus;
import dev.wxgate.application.token.ViewTokenStatus;
import dev.wxgate.domain.app.AppId;
import dev.wxgate.domain.user.User;
import dev.wxgate.domain.user.UserId;
import dev.wxgate.domain.user.UserRegistry;
import dev.wxgate.oauth.WebBrowser.Hop;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A website app's QR login ({@code snsapi_login}) end to end over HTTP against the embedded sandbox's QR page: the
 * same callback, exchange and user registry as the official account's web login (one unionid, one user across the
 * three kinds of app), only its own scope, and no access_token anywhere.
 */
@SpringBootTest(
        classes = dev.wxgate.bootstrap.WxgateApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "wxgate.login.per-client-ip=100000",
            "wxgate.clients[0].id=site-backend",
            "wxgate.clients[0].key-sha256=" + WebsiteWebLoginTest.KEY_SHA256,
            "wxgate.clients[0].apps=*"
        })
@ActiveProfiles("test")
class WebsiteWebLoginTest {
    static final String PAGE = "http://localhost:5174/account?from=qr";
    static final String KEY = "website-tests-key-0123456789abcdef";
    static final String KEY_SHA256 = "298b9c06fa2871301a938a27628c92a2c7720798e220d862444d027a4acfcd60";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Autowired
    UserRegistry users;

    @Autowired
    ViewTokenStatus tokenStatus;

    @Autowired
    RefreshAheadOfExpiry refreshAhead;

    WebBrowser browser;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void browser() {
        browser = new WebBrowser(port);
    }

    record Json(int status, JsonNode body) {}

    Json call(String method, String path, String bearer, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Json(
                    response.statusCode(),
                    response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body()));
        } catch (Exception failed) {
            throw new IllegalStateException(failed);
        }
    }

    long sandboxCalls(String appId, String path) {
        return call("GET", "/_sandbox/stats", null, null)
                .body()
                .path("apps")
                .path(appId)
                .path(path)
                .asLong(0);
    }

    /** A web login of {@code appId} as {@code openid}, through to the exchanged session's answer. */
    Json webLogin(String appId, String scope, String openid, String nickname) {
        Hop toWechat = browser.authorize(appId, scope, PAGE);
        assertThat(toWechat.status()).as(toWechat.body()).isEqualTo(302);
        Hop toCallback = browser.decide(toWechat.location().orElseThrow(), openid, "allow", nickname);
        Hop toPage = browser.get(toCallback.location().orElseThrow().toString());
        assertThat(toPage.location().orElseThrow().toString()).startsWith(PAGE + "&wxgate_code=");
        Json session = call(
                "POST",
                "/api/v1/oauth/exchange",
                null,
                JSON.writeValueAsString(Map.of("code", toPage.query().get("wxgate_code"))));
        assertThat(session.status()).isEqualTo(200);
        return session;
    }

    @Test
    void aQrLoginLandsOnThePageAndIsTheSameUserAsTheMiniProgramsAndTheAccounts() {
        String miniCode = call("POST", "/_sandbox/apps/" + MINI_PROGRAM + "/users/oTriple/login-code", null, "{}")
                .body()
                .path("code")
                .asString();
        Json mini = call("POST", "/api/v1/login", null, "{\"code\":\"" + miniCode + "\"}");
        assertThat(mini.status()).isEqualTo(200);
        long userId = mini.body().path("user").path("id").asLong();
        long userinfoBefore = sandboxCalls(WEBSITE, "/sns/userinfo");

        Hop toWechat = browser.authorize(WEBSITE, null, PAGE);
        URI qrPage = toWechat.location().orElseThrow();
        assertThat(qrPage.toString())
                .startsWith("http://127.0.0.1:" + port + "/_sandbox/wechat/connect/qrconnect?appid=" + WEBSITE
                        + "&redirect_uri=")
                .contains("&response_type=code&scope=snsapi_login&state=")
                .endsWith("#wechat_redirect");
        assertThat(WebBrowser.query(qrPage.getRawQuery()).get("redirect_uri"))
                .isEqualTo("http://127.0.0.1:" + port + "/oauth/" + WEBSITE + "/callback");
        Hop shown = browser.get(qrPage.toString().replaceFirst("#.*$", ""));
        assertThat(shown.status()).isEqualTo(200);
        assertThat(shown.body()).contains("QR login", "oTriple").doesNotContain("<script");
        Hop toCallback = browser.decide(qrPage, "oTriple", "allow", "扫码用户");
        String token = exchange(browser.get(toCallback.location().orElseThrow().toString()));
        Json website = call("GET", "/api/v1/me", token, null);

        assertThat(website.body().path("id").asLong()).isEqualTo(userId);
        assertThat(website.body().path("appId").asString()).isEqualTo(WEBSITE);
        assertThat(website.body().path("unionid").asString())
                .isEqualTo(mini.body().path("user").path("unionid").asString());
        assertThat(website.body().path("nickname").asString())
                .as("snsapi_login reads /sns/userinfo")
                .isEqualTo("扫码用户");
        assertThat(sandboxCalls(WEBSITE, "/sns/userinfo") - userinfoBefore).isEqualTo(1);
        Json phone = call("POST", "/api/v1/me/phone", token, "{\"code\":\"some-phone-code\"}");
        assertThat(phone.status()).as("what needs the app's access_token").isEqualTo(400);
        assertThat(phone.body().path("error").asString()).isEqualTo("not_supported_for_app_type");

        Json account = webLogin(OFFICIAL_ACCOUNT, "snsapi_base", "oTriple", null);
        assertThat(account.body().path("user").path("id").asLong()).isEqualTo(userId);
        User user = users.find(new UserId(userId)).orElseThrow();
        assertThat(user.identities())
                .extracting(identity -> identity.appId().value())
                .containsExactly(MINI_PROGRAM, WEBSITE, OFFICIAL_ACCOUNT);
    }

    private String exchange(Hop toPage) {
        Json session = call(
                "POST",
                "/api/v1/oauth/exchange",
                null,
                JSON.writeValueAsString(Map.of("code", toPage.query().get("wxgate_code"))));
        assertThat(session.status()).isEqualTo(200);
        return session.body().path("token").asString();
    }

    @Test
    void aScopeOfTheOtherKindOfAppIsRefusedPreciselyAndNothingIsSentToWechat() {
        for (String scope : new String[] {"snsapi_base", "snsapi_userinfo"}) {
            Hop refused = browser.authorize(WEBSITE, scope, PAGE);
            WebLoginTest.assertErrorPage(refused, 400, "scope_not_for_app_type");
            assertThat(refused.body()).contains("its only scope is snsapi_login");
        }
        WebLoginTest.assertErrorPage(
                browser.authorize(OFFICIAL_ACCOUNT, "snsapi_login", PAGE), 400, "scope_not_for_app_type");
        WebLoginTest.assertErrorPage(browser.authorize(WEBSITE, "snsapi_all", PAGE), 400, "invalid_scope");
        WebLoginTest.assertErrorPage(browser.authorize(MINI_PROGRAM, "snsapi_login", PAGE), 400, "invalid_app");
        WebLoginTest.assertErrorPage(
                browser.authorize(WEBSITE, "snsapi_login", "https://evil.example.com/"), 400, "invalid_redirect_uri");
        assertThat(browser.authorize(OFFICIAL_ACCOUNT, null, PAGE)
                        .location()
                        .orElseThrow()
                        .toString())
                .as("an account's default scope stays snsapi_base")
                .contains("/connect/oauth2/authorize?")
                .contains("&scope=snsapi_base&");
    }

    @Test
    void theSandboxsQrPageRefusesAnAccountAndTheAccountsPageRefusesAWebsiteWith10005() {
        String callback = WebBrowser.encode("http://127.0.0.1:" + port + "/oauth/" + WEBSITE + "/callback");
        Hop accountOnQr = browser.get("/_sandbox/wechat/connect/qrconnect?appid=" + OFFICIAL_ACCOUNT + "&redirect_uri="
                + callback + "&response_type=code&scope=snsapi_login&state=s");
        Hop websiteOnAuthorize = browser.get("/_sandbox/wechat/connect/oauth2/authorize?appid=" + WEBSITE
                + "&redirect_uri=" + callback + "&response_type=code&scope=snsapi_base&state=s");

        assertThat(accountOnQr.body()).contains("<p class=\"error\" id=\"errcode\">10005</p>");
        assertThat(websiteOnAuthorize.body()).contains("<p class=\"error\" id=\"errcode\">10005</p>");
    }

    @Test
    void aWebsiteAppHasNoAccessTokenToServeReportOrRefresh() {
        for (Json refused : new Json[] {
            call("GET", "/internal/v1/apps/" + WEBSITE + "/access-token", KEY, null),
            call("POST", "/internal/v1/apps/" + WEBSITE + "/access-token/invalid", KEY, "{\"accessToken\":\"x\"}")
        }) {
            assertThat(refused.status()).isEqualTo(400);
            assertThat(refused.body().path("error").asString()).isEqualTo("not_supported_for_app_type");
            assertThat(refused.body().path("message").asString())
                    .isEqualTo("app " + WEBSITE + " is a website app, which has no access_token (it serves web login"
                            + " only)");
        }
        Json ticket = call("GET", "/internal/v1/apps/" + WEBSITE + "/tickets/jsapi", KEY, null);
        assertThat(ticket.status()).isEqualTo(400);
        assertThat(ticket.body().path("error").asString()).isEqualTo("not_an_official_account");
        assertThat(call("GET", "/internal/v1/apps/" + OFFICIAL_ACCOUNT + "/access-token", KEY, null)
                        .status())
                .isEqualTo(200);

        refreshAhead.refreshDue();
        assertThat(tokenStatus.all()).extracting(TokenStatus::appId).doesNotContain(AppId.of(WEBSITE));
        assertThatExceptionOfType(NoAccessTokenException.class).isThrownBy(() -> tokenStatus.of(AppId.of(WEBSITE)));
        assertThat(sandboxCalls(WEBSITE, "/cgi-bin/stable_token") + sandboxCalls(WEBSITE, "/cgi-bin/token"))
                .as("wxgate never asks WeChat for a website app's token")
                .isZero();
    }
}
