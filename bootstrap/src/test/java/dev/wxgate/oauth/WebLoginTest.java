package dev.wxgate.oauth;

import static dev.wxgate.oauth.WebBrowser.OFFICIAL_ACCOUNT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wxgate.domain.user.User;
import dev.wxgate.domain.user.UserId;
import dev.wxgate.domain.user.UserRegistry;
import dev.wxgate.oauth.WebBrowser.Hop;
import dev.wxgate.testfixtures.MutableClock;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The official account's web login end to end over HTTP, against the embedded sandbox's consent page. */
@SpringBootTest(
        classes = dev.wxgate.bootstrap.WxgateApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"wxgate.login.per-client-ip=100000"})
@ActiveProfiles("test")
@Import(WebLoginTest.Clocked.class)
@ExtendWith(OutputCaptureExtension.class)
class WebLoginTest {
    static final String PAGE = "http://127.0.0.1:5173/shop?tab=cart";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TestConfiguration(proxyBeanMethods = false)
    static class Clocked {
        @Bean
        @Primary
        MutableClock testClock() {
            return new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    MutableClock clock;

    @Autowired
    UserRegistry users;

    WebBrowser browser;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void browser() {
        browser = new WebBrowser(port);
    }

    record Json(int status, JsonNode body, String text) {}

    Json call(String method, String path, String token, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode node = response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body());
            return new Json(response.statusCode(), node, response.body());
        } catch (Exception failed) {
            throw new IllegalStateException(failed);
        }
    }

    Json exchange(String code) {
        return call("POST", "/api/v1/oauth/exchange", null, JSON.writeValueAsString(Map.of("code", code)));
    }

    long sandboxCalls(String path) {
        return call("GET", "/_sandbox/stats", null, null)
                .body()
                .path("apps")
                .path(OFFICIAL_ACCOUNT)
                .path(path)
                .asLong(0);
    }

    static void assertErrorPage(Hop hop, int status, String error) {
        assertThat(hop.status()).as(hop.body()).isEqualTo(status);
        assertThat(hop.location()).as("no redirect on a refusal").isEmpty();
        assertThat(hop.headers().get("content-type").getFirst()).startsWith("text/html");
        assertThat(hop.body()).contains("<code id=\"error\">" + error + "</code>");
    }

    @Test
    void aWebLoginEndsOnThePageWithAHandoffCodeThatOpensASessionOnce(CapturedOutput output) {
        Hop toWechat = browser.authorize("snsapi_base", PAGE);
        assertThat(toWechat.status()).isEqualTo(302);
        URI wechat = toWechat.location().orElseThrow();
        assertThat(wechat.toString())
                .startsWith("http://127.0.0.1:" + port + "/_sandbox/wechat/connect/oauth2/authorize?appid="
                        + OFFICIAL_ACCOUNT + "&redirect_uri=")
                .contains("&response_type=code&scope=snsapi_base&state=")
                .endsWith("#wechat_redirect");
        assertThat(WebBrowser.query(wechat.getRawQuery()).get("redirect_uri"))
                .isEqualTo("http://127.0.0.1:" + port + "/oauth/" + OFFICIAL_ACCOUNT + "/callback");
        String setCookie = toWechat.headers().get("set-cookie").getFirst();
        assertThat(setCookie).contains("HttpOnly", "SameSite=Lax", "Path=/oauth/", "Max-Age=300");
        String state = WebBrowser.query(wechat.getRawQuery()).get("state");

        Hop toCallback = browser.decide(wechat, "oWebOnly", "allow", null);
        String wechatCode = toCallback.query().get("code");
        Hop toPage = browser.get(toCallback.location().orElseThrow().toString());

        assertThat(toPage.status()).isEqualTo(302);
        assertThat(toPage.headers().get("referrer-policy")).containsExactly("no-referrer");
        String page = toPage.location().orElseThrow().toString();
        assertThat(page).startsWith(PAGE + "&wxgate_code=");
        String handoff = toPage.query().get("wxgate_code");
        assertThat(page).doesNotContain(wechatCode);

        Json session = exchange(handoff);
        assertThat(session.status()).as(session.text()).isEqualTo(200);
        String token = session.body().path("token").asString();
        assertThat(token).hasSize(43);
        assertThat(session.body().path("expiresIn").asLong()).isBetween(1790L, 1800L);
        assertThat(session.body().path("user").path("openid").asString()).isEqualTo("oWebOnly");
        assertThat(session.body().path("user").path("newUser").asBoolean()).isTrue();

        Json me = call("GET", "/api/v1/me", token, null);
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.body().path("appId").asString()).isEqualTo(OFFICIAL_ACCOUNT);
        assertThat(me.body().path("openid").asString()).isEqualTo("oWebOnly");

        Json again = exchange(handoff);
        assertThat(again.status()).isEqualTo(400);
        assertThat(again.body().path("error").asString()).isEqualTo("invalid_code");
        assertThat(output.getAll())
                .as("no log line carries a token, code or state")
                .doesNotContain(
                        token,
                        handoff,
                        wechatCode,
                        state,
                        browser.cookie("wxgate_weblogin").orElseThrow());
    }

    @Test
    void aMiniProgramUserWhoLogsInOnTheWebIsTheSameUserWithTwoIdentities() {
        Json miniLogin = call(
                "POST",
                "/api/v1/login",
                null,
                "{\"code\":\""
                        + call(
                                        "POST",
                                        "/_sandbox/apps/" + WebBrowser.MINI_PROGRAM + "/users/oLinked/login-code",
                                        null,
                                        "{}")
                                .body()
                                .path("code")
                                .asString()
                        + "\"}");
        assertThat(miniLogin.status()).isEqualTo(200);
        long userId = miniLogin.body().path("user").path("id").asLong();

        Hop toPage = browser.logInAsFarAsThePage("snsapi_base", PAGE, "oLinked");
        Json web = exchange(toPage.query().get("wxgate_code"));

        assertThat(web.body().path("user").path("id").asLong()).isEqualTo(userId);
        assertThat(web.body().path("user").path("newUser").asBoolean()).isFalse();
        assertThat(web.body().path("user").path("unionid").asString())
                .isEqualTo(miniLogin.body().path("user").path("unionid").asString());
        User user = users.find(new UserId(userId)).orElseThrow();
        assertThat(user.identities())
                .extracting(identity -> identity.appId().value())
                .containsExactly(WebBrowser.MINI_PROGRAM, OFFICIAL_ACCOUNT);
        assertThat(call(
                                "POST",
                                "/api/v1/me/verify-raw-data",
                                web.body().path("token").asString(),
                                "{\"rawData\":\"{}\",\"signature\":\"00\"}")
                        .body()
                        .path("error")
                        .asString())
                .as("a web session has no session_key")
                .isEqualTo("no_session_key");
    }

    @Test
    void snsapiUserinfoFillsTheProfileWithWechatsNicknameAndAvatar() {
        Hop toWechat = browser.authorize("snsapi_userinfo", PAGE);
        Hop toCallback = browser.decide(toWechat.location().orElseThrow(), "oWithInfo", "allow", "小花 <b>");
        Hop toPage = browser.get(toCallback.location().orElseThrow().toString());
        String token =
                exchange(toPage.query().get("wxgate_code")).body().path("token").asString();

        Json me = call("GET", "/api/v1/me", token, null);

        assertThat(me.body().path("nickname").asString()).isEqualTo("小花 <b>");
        assertThat(me.body().path("avatarUrl").asString())
                .isEqualTo("https://thirdwx.qlogo.cn/mmopen/sandbox/oWithInfo/132");
        assertThat(sandboxCalls("/sns/userinfo")).isPositive();
    }

    @Test
    void aDeclinedLoginGoesBackToThePageWithAccessDenied() {
        Hop toWechat = browser.authorize("snsapi_userinfo", PAGE);
        Hop toCallback = browser.decide(toWechat.location().orElseThrow(), null, "deny", null);
        assertThat(toCallback.query()).doesNotContainKey("code");

        Hop toPage = browser.get(toCallback.location().orElseThrow().toString());

        assertThat(toPage.location()).contains(URI.create(PAGE + "&wxgate_error=access_denied"));
    }

    @Test
    void aForgedStateIsRefused() {
        browser.authorize("snsapi_base", PAGE);

        assertErrorPage(
                browser.get("/oauth/" + OFFICIAL_ACCOUNT + "/callback?code=abc&state=" + "A".repeat(43)),
                400,
                "invalid_state");
        assertErrorPage(browser.get("/oauth/" + OFFICIAL_ACCOUNT + "/callback?code=abc&state=x"), 400, "invalid_state");
        assertErrorPage(browser.get("/oauth/" + OFFICIAL_ACCOUNT + "/callback?code=abc"), 400, "invalid_state");
    }

    @Test
    void aReplayedCallbackIsRefusedAndWechatIsAskedOnce() {
        long before = sandboxCalls("/sns/oauth2/access_token");
        Hop toWechat = browser.authorize("snsapi_base", PAGE);
        Hop toCallback = browser.decide(toWechat.location().orElseThrow(), "oReplay", "allow", null);
        String callback = toCallback.location().orElseThrow().toString();
        assertThat(browser.get(callback).status()).isEqualTo(302);

        assertErrorPage(browser.get(callback), 400, "state_used");
        assertThat(sandboxCalls("/sns/oauth2/access_token") - before).isEqualTo(1);

        // The same WeChat code under a fresh state: WeChat refuses it (40163), wxgate says so.
        Hop fresh = browser.authorize("snsapi_base", PAGE);
        String freshState =
                WebBrowser.query(fresh.location().orElseThrow().getRawQuery()).get("state");
        assertErrorPage(
                browser.get("/oauth/" + OFFICIAL_ACCOUNT + "/callback?code="
                        + toCallback.query().get("code") + "&state=" + freshState),
                400,
                "invalid_wechat_code");
        assertThat(sandboxCalls("/sns/oauth2/access_token") - before).isEqualTo(2);
    }

    @Test
    void anExpiredStateIsRefused() {
        Hop toWechat = browser.authorize("snsapi_base", PAGE);
        Hop toCallback = browser.decide(toWechat.location().orElseThrow(), "oSlow", "allow", null);
        clock.advance(Duration.ofMinutes(5).plusSeconds(1));

        assertErrorPage(browser.get(toCallback.location().orElseThrow().toString()), 400, "state_expired");
    }

    @Test
    void aStateFromAnotherBrowserIsRefused() {
        Hop toWechat = browser.authorize("snsapi_base", PAGE);
        Hop toCallback = browser.decide(toWechat.location().orElseThrow(), "oVictim", "allow", null);
        String callback = toCallback.location().orElseThrow().toString();

        WebBrowser attacker = new WebBrowser(port);
        assertErrorPage(attacker.get(callback), 400, "state_other_browser");

        Hop second = browser.authorize("snsapi_base", PAGE);
        Hop secondCallback = browser.decide(second.location().orElseThrow(), "oVictim", "allow", null);
        attacker.authorize("snsapi_base", PAGE);
        assertThat(attacker.cookie("wxgate_weblogin")).isPresent().isNotEqualTo(browser.cookie("wxgate_weblogin"));
        assertErrorPage(attacker.get(secondCallback.location().orElseThrow().toString()), 400, "state_other_browser");
    }

    @Test
    void aHandoffCodeExpiresAfterAMinute() {
        Hop toPage = browser.logInAsFarAsThePage("snsapi_base", PAGE, "oLate");
        clock.advance(Duration.ofSeconds(61));

        Json late = exchange(toPage.query().get("wxgate_code"));

        assertThat(late.status()).isEqualTo(400);
        assertThat(late.body().path("error").asString()).isEqualTo("invalid_code");
        assertThat(exchange("made-up").body().path("error").asString()).isEqualTo("invalid_code");
        assertThat(exchange("A".repeat(43)).status()).isEqualTo(400);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "https://evil.example.com/",
                "https://127.0.0.1.evil.com/",
                "http://127.0.0.1@evil.com/",
                "http://127.0.0.1.evil.com:5173/",
                "https://127.0.0.1:5173/",
                "javascript:alert(document.cookie)",
                "/relative",
                "//evil.example.com/",
                "http://127.0.0.1:5173/#frag",
                ""
            })
    void aRedirectUriOutsideTheAllowedOriginsIsRefusedWithoutRedirecting(String page) {
        assertErrorPage(browser.authorize("snsapi_base", page), 400, "invalid_redirect_uri");
    }

    @Test
    void anOverLongRedirectUriAndBadRequestsAreRefusedWithAPage() {
        assertErrorPage(
                browser.authorize("snsapi_base", "http://127.0.0.1:5173/" + "a".repeat(2000)),
                400,
                "invalid_redirect_uri");
        assertErrorPage(
                browser.get("/oauth/" + OFFICIAL_ACCOUNT + "/authorize?scope=snsapi_base"),
                400,
                "invalid_redirect_uri");
        assertErrorPage(browser.authorize("snsapi_login", PAGE), 400, "scope_not_for_app_type");
        assertErrorPage(browser.authorize("snsapi_unknown", PAGE), 400, "invalid_scope");
        assertErrorPage(
                browser.get("/oauth/" + WebBrowser.MINI_PROGRAM + "/authorize?scope=snsapi_base&redirect_uri="
                        + WebBrowser.encode(PAGE)),
                400,
                "invalid_app");
        assertErrorPage(
                browser.get("/oauth/wx0000000000000009/authorize?redirect_uri=" + WebBrowser.encode(PAGE)),
                404,
                "unknown_app");
        assertErrorPage(
                browser.get("/oauth/not-an-app/authorize?redirect_uri=" + WebBrowser.encode(PAGE)),
                400,
                "invalid_request");
    }

    @Test
    void pagesOfAnAllowedOriginMayCallTheSessionApiAndOthersMayNot() throws Exception {
        List<String> answered = new ArrayList<>();
        for (String origin : List.of("http://127.0.0.1:5173", "https://evil.example.com")) {
            HttpResponse<String> preflight = http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/oauth/exchange"))
                            .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                            .header("Origin", origin)
                            .header("Access-Control-Request-Method", "POST")
                            .header("Access-Control-Request-Headers", "content-type")
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            answered.add(origin + " " + preflight.statusCode() + " "
                    + preflight
                            .headers()
                            .firstValue("access-control-allow-origin")
                            .orElse("-"));
        }
        assertThat(answered)
                .containsExactly("http://127.0.0.1:5173 200 http://127.0.0.1:5173", "https://evil.example.com 403 -");
        HttpResponse<String> refused = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/me"))
                        .header("Origin", "https://evil.example.com")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(JSON.readTree(refused.body()).path("error").asString()).isEqualTo("origin_not_allowed");
    }
}
