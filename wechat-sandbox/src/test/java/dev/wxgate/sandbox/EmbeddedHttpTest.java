package dev.wxgate.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wxgate.sandbox.HttpSandboxClient.Reply;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The sandbox imported into another application, as wxgate's bootstrap does: WeChat's endpoints under the configured
 * prefix, the host's own paths, error handling and Jackson settings untouched, apps bound from properties.
 */
@SpringBootTest(
        classes = EmbeddedHttpTest.HostApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "wxgate.sandbox.wechat-path=/_sandbox/wechat",
            "wxgate.sandbox.apps[0].app-id=wx00000000000000aa",
            "wxgate.sandbox.apps[0].secret=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
            "wxgate.sandbox.apps[0].token-expires-in=60",
            "wxgate.sandbox.apps[0].daily-quota=200",
            "wxgate.sandbox.apps[0].union-group=host-group",
            "wxgate.sandbox.apps[1].app-id=wx00000000000000bb",
            "wxgate.sandbox.apps[1].type=official-account",
            "spring.jackson.property-naming-strategy=UPPER_CAMEL_CASE"
        })
class EmbeddedHttpTest {
    static final String PREFIX = "/_sandbox/wechat";

    @LocalServerPort
    int port;

    HttpSandboxClient client;

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import(WechatSandboxConfiguration.class)
    static class HostApplication {
        @Bean
        HostController hostController() {
            return new HostController();
        }
    }

    @RestController
    static class HostController {
        record Greeting(String message) {}

        @GetMapping("/hello")
        Greeting hello() {
            return new Greeting("hi");
        }

        @GetMapping("/boom")
        Greeting boom() {
            throw new IllegalStateException("the host's own failure");
        }
    }

    @BeforeEach
    void reset() {
        client = new HttpSandboxClient(port);
        client.post("/_sandbox/reset", "");
    }

    @Test
    void clearQuotaTakesTheAppidInAJsonBodyAndTheTokenInTheQuery() {
        String token = token(PREFIX).text("access_token");

        Reply cleared = client.post(
                PREFIX + "/cgi-bin/clear_quota?access_token=" + token, "{\"appid\":\"wx00000000000000aa\"}");
        Reply badBody = client.post(PREFIX + "/cgi-bin/clear_quota?access_token=" + token, "{\"appid\":42}");
        Reply noToken = client.post(PREFIX + "/cgi-bin/clear_quota", "{\"appid\":\"wx00000000000000aa\"}");

        assertThat(cleared.status()).isEqualTo(200);
        assertThat(cleared.errcode()).isZero();
        assertThat(cleared.text("errmsg")).isEqualTo("ok");
        assertThat(badBody.errcode()).isEqualTo(47001);
        assertThat(noToken.errcode()).isEqualTo(41001);
        assertThat(client.get("/_sandbox/stats")
                        .json()
                        .path("apps")
                        .path("wx00000000000000aa")
                        .path("/cgi-bin/clear_quota")
                        .asLong())
                .isEqualTo(1);
    }

    private Reply token(String prefix) {
        return client.get(
                prefix + "/cgi-bin/token",
                Map.of(
                        "grant_type",
                        "client_credential",
                        "appid",
                        "wx00000000000000aa",
                        "secret",
                        "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"));
    }

    @Test
    void wechatEndpointsLiveUnderThePrefix() {
        Reply reply = token(PREFIX);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.text("access_token")).isNotBlank();
        assertThat(reply.json().path("expires_in").asLong()).isEqualTo(60);
        assertThat(client.get("/_sandbox/stats")
                        .json()
                        .path("apps")
                        .path("wx00000000000000aa")
                        .path("/cgi-bin/token")
                        .asLong())
                .isEqualTo(1);
    }

    @Test
    void loginWorksUnderThePrefix() {
        String code = client.post("/_sandbox/apps/wx00000000000000aa/users/alice/login-code", "")
                .text("code");

        Reply session = client.get(
                PREFIX + "/sns/jscode2session",
                Map.of(
                        "appid",
                        "wx00000000000000aa",
                        "secret",
                        "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
                        "js_code",
                        code,
                        "grant_type",
                        "authorization_code"));

        assertThat(session.text("openid")).isEqualTo("alice");
        assertThat(session.text("unionid")).startsWith("o");
    }

    @Test
    void nothingIsServedAtTheRootPaths() {
        Reply reply = token("");

        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.raw()).doesNotContain("errcode");
    }

    @Test
    void unknownPathsUnderThePrefixAreWechatStyle404() {
        Reply reply = client.get(PREFIX + "/wxa/nothing");

        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.json().path("errcode").asInt()).isEqualTo(-1);
    }

    @Test
    void configuredAppsReplaceTheDefaults() {
        Reply apps = client.get("/_sandbox/apps");

        assertThat(apps.json().size()).isEqualTo(2);
        assertThat(apps.json().get(0).path("appId").asString()).isEqualTo("wx00000000000000aa");
        assertThat(apps.json().get(0).path("type").asString()).isEqualTo("mini-program");
        assertThat(apps.json().get(0).path("dailyQuota").asInt()).isEqualTo(200);
        assertThat(apps.json().get(0).path("unionGroup").asString()).isEqualTo("host-group");
        assertThat(apps.json().get(1).path("appId").asString()).isEqualTo("wx00000000000000bb");
        assertThat(apps.json().get(1).path("type").asString()).isEqualTo("official-account");
        // No secret configured: one was generated.
        assertThat(apps.json().get(1).path("secret").asString()).matches("[0-9a-f]{32}");
        assertThat(apps.json().get(1).path("tokenExpiresIn").asLong()).isEqualTo(7200);
    }

    @Test
    void hostKeepsItsOwnJacksonSettingsAndErrorHandling() {
        Reply hello = client.get("/hello");
        assertThat(hello.json().has("Message")).isTrue();

        assertThat(token(PREFIX).json().has("access_token")).isTrue();

        Reply boom = client.get("/boom");
        assertThat(boom.status()).isEqualTo(500);
        assertThat(boom.raw()).doesNotContain("errcode");
    }
}
