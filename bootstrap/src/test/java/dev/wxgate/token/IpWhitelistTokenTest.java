package dev.wxgate.token;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wxgate.application.token.TokenStatus;
import dev.wxgate.application.token.ViewTokenStatus;
import dev.wxgate.bootstrap.WxgateApplication;
import dev.wxgate.domain.app.AppId;
import dev.wxgate.domain.wechat.WechatFailure;
import java.net.URI;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * WeChat refusing this server's address (40164 off the IP whitelist, 89503 under risk control until an admin confirms
 * it), end to end with the embedded sandbox: the token status and the internal API say so, and the token comes back
 * once the app's rules let the address in. A context of its own, so no token was fetched before the rules are set.
 */
@SpringBootTest(
        classes = WxgateApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "wxgate.clients[0].id=orders",
            "wxgate.clients[0].key-sha256=" + EmbeddedTokenServerTest.KEY_SHA256,
            "wxgate.clients[0].apps=" + EmbeddedTokenServerTest.MINI_PROGRAM + ","
                    + EmbeddedTokenServerTest.OFFICIAL_ACCOUNT,
            // A short pause after a refused refresh, so the recovery is seen within the test.
            "wxgate.token.credentials-backoff=200ms"
        })
@ActiveProfiles("test")
class IpWhitelistTokenTest {
    @LocalServerPort
    int port;

    @Autowired
    ViewTokenStatus status;

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private Http.Answer token(String appId) {
        return Http.send("GET", uri("/internal/v1/apps/" + appId + "/access-token"), EmbeddedTokenServerTest.KEY, null);
    }

    private Http.Answer ipRules(String appId, String body) {
        return Http.send("PUT", uri("/_sandbox/apps/" + appId + "/ip-rules"), null, body);
    }

    @AfterEach
    void rulesOff() {
        ipRules(EmbeddedTokenServerTest.MINI_PROGRAM, "{}");
        ipRules(EmbeddedTokenServerTest.OFFICIAL_ACCOUNT, "{}");
    }

    @Test
    void anAddressOffTheWhitelistIsReportedAndTheTokenComesBackOnceItIsAdded() {
        String app = EmbeddedTokenServerTest.MINI_PROGRAM;
        assertThat(ipRules(app, "{\"whitelist\":[\"203.0.113.10\"]}").status()).isEqualTo(200);

        Http.Answer refused = token(app);

        assertThat(refused.status()).as(refused.body()).isEqualTo(503);
        assertThat(refused.text("error")).isEqualTo("token_unavailable");
        assertThat(refused.text("message")).contains("IP address (errcode 40164)", "IP whitelist");
        TokenStatus shown = status.of(AppId.of(app));
        assertThat(shown.token()).isEmpty();
        assertThat(shown.lastFailure()).hasValueSatisfying(failure -> {
            assertThat(failure.failure()).isEqualTo(WechatFailure.IP_NOT_WHITELISTED);
            assertThat(failure.errcode()).hasValue(40164);
        });

        ipRules(app, "{\"whitelist\":[\"203.0.113.10\",\"127.0.0.1\"]}");

        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> token(app).status() == 200);
        assertThat(status.of(AppId.of(app)).lastFailure()).isEmpty();
        assertThat(status.of(AppId.of(app)).token()).isPresent();
    }

    @Test
    void aNewAddressUnderRiskControlIsReportedUntilTheAdminConfirmsIt() {
        String app = EmbeddedTokenServerTest.OFFICIAL_ACCOUNT;
        ipRules(app, "{\"riskControl\":true}");

        Http.Answer refused = token(app);

        assertThat(refused.status()).as(refused.body()).isEqualTo(503);
        assertThat(refused.text("message")).contains("errcode 89503", "IP whitelist");
        assertThat(status.of(AppId.of(app)).lastFailure())
                .map(TokenStatus.Failure::failure)
                .hasValue(WechatFailure.IP_NOT_WHITELISTED);
        Http.Answer pending = Http.send("GET", uri("/_sandbox/apps/" + app + "/ip-rules"), null, null);
        assertThat(pending.json().path("pending").get(0).asString()).isEqualTo("127.0.0.1");

        Http.send("POST", uri("/_sandbox/apps/" + app + "/ip-rules/confirm"), null, "{\"ip\":\"127.0.0.1\"}");

        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> token(app).status() == 200);
        assertThat(status.of(AppId.of(app)).lastFailure()).isEmpty();
    }
}
