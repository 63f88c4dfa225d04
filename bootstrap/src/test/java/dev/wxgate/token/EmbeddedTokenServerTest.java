package dev.wxgate.token;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wxgate.bootstrap.WxgateApplication;
import dev.wxgate.domain.app.AppId;
import dev.wxgate.domain.audit.AuditEntry;
import dev.wxgate.domain.audit.AuditKind;
import dev.wxgate.domain.audit.AuditLog;
import dev.wxgate.domain.audit.AuditOutcome;
import dev.wxgate.domain.audit.AuditQuery;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * The token server in the embedded default (memory store, the built-in sandbox as WeChat), end to end over HTTP: the
 * internal API with a configured client, the audit log of a forced refresh, and the metrics.
 */
@SpringBootTest(
        classes = WxgateApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "wxgate.clients[0].id=orders",
            // SHA-256 of "orders-backend-key-0123456789abcdef"
            "wxgate.clients[0].key-sha256=" + EmbeddedTokenServerTest.KEY_SHA256,
            "wxgate.clients[0].apps=" + EmbeddedTokenServerTest.MINI_PROGRAM
        })
@ActiveProfiles("test")
class EmbeddedTokenServerTest {
    static final String KEY = "orders-backend-key-0123456789abcdef";
    static final String KEY_SHA256 = "bf3c0e95c45a1778eac2428c82cb1efbe57f5de213bc9a461f6ef276f3a1c007";
    /** The sandbox's built-in apps. */
    static final String MINI_PROGRAM = "wxa1b2c3d4e5f60001";

    static final String OFFICIAL_ACCOUNT = "wxa1b2c3d4e5f60002";

    @LocalServerPort
    int port;

    @Autowired
    AuditLog auditLog;

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private Http.Answer token(String appId, String key) {
        return Http.send("GET", uri("/internal/v1/apps/" + appId + "/access-token"), key, null);
    }

    private long stableTokenCalls() {
        return Http.send("GET", uri("/_sandbox/stats"), null, null)
                .json()
                .path("apps")
                .path(MINI_PROGRAM)
                .path("/cgi-bin/stable_token")
                .asLong(0);
    }

    private boolean wechatAccepts(String token) {
        return Http.send(
                                "POST",
                                uri("/_sandbox/wechat/wxa/business/getuserphonenumber?access_token=" + token),
                                null,
                                Http.json("code", "no-such-code"))
                        .json()
                        .path("errcode")
                        .asInt()
                == 40029;
    }

    @Test
    void aClientGetsAWorkingTokenAndRepeatedCallsCostNoWechatCall() {
        Http.Answer first = token(MINI_PROGRAM, KEY);
        assertThat(first.status()).as(first.body()).isEqualTo(200);
        assertThat(first.json().path("expiresIn").asLong()).isBetween(7000L, 7200L);
        assertThat(first.text("fetchedAt")).isNotBlank();
        long calls = stableTokenCalls();

        for (int i = 0; i < 5; i++) {
            assertThat(token(MINI_PROGRAM, KEY).text("accessToken")).isEqualTo(first.text("accessToken"));
        }

        assertThat(stableTokenCalls()).isEqualTo(calls);
        assertThat(wechatAccepts(first.text("accessToken"))).isTrue();
    }

    @Test
    void keysAndAppsAreChecked() {
        assertThat(token(MINI_PROGRAM, null).status()).isEqualTo(401);
        assertThat(token(MINI_PROGRAM, "wrong-key").text("error")).isEqualTo("invalid_client_key");
        Http.Answer denied = token(OFFICIAL_ACCOUNT, KEY);
        assertThat(denied.status()).isEqualTo(403);
        assertThat(denied.text("error")).isEqualTo("app_not_allowed");
    }

    @Test
    void aReportOfTheCurrentStableTokenForcesANewOneAndIsAudited() {
        String bad = token(MINI_PROGRAM, KEY).text("accessToken");

        Http.Answer replaced = Http.send(
                "POST",
                uri("/internal/v1/apps/" + MINI_PROGRAM + "/access-token/invalid"),
                KEY,
                Http.json("accessToken", bad));

        assertThat(replaced.status()).as(replaced.body()).isEqualTo(200);
        assertThat(replaced.text("accessToken")).isNotEqualTo(bad);
        assertThat(wechatAccepts(replaced.text("accessToken"))).isTrue();
        assertThat(wechatAccepts(bad))
                .as("a forced refresh ends the old stable token")
                .isFalse();
        List<AuditEntry> audit = auditLog.find(
                AuditQuery.latest(10).ofApp(AppId.of(MINI_PROGRAM)).ofKind(AuditKind.TOKEN_FORCE_REFRESH));
        assertThat(audit).first().satisfies(entry -> {
            assertThat(entry.event().actor()).isEqualTo("orders");
            assertThat(entry.event().outcome()).isEqualTo(AuditOutcome.SUCCESS);
        });
    }

    @Test
    void theTokenServerReportsItsMetrics() {
        token(MINI_PROGRAM, KEY);

        String metrics = Http.send("GET", uri("/actuator/prometheus"), "wxgate-test-metrics-key", null)
                .body();

        assertThat(metrics)
                .contains("wxgate_token_refreshes_total{app=\"" + MINI_PROGRAM + "\",outcome=\"refreshed\"}")
                .contains("wxgate_token_upstream_seconds_count{app=\"" + MINI_PROGRAM + "\",mode=\"stable\"")
                .contains("wxgate_token_quota_used{app=\"" + MINI_PROGRAM + "\"}")
                .contains("wxgate_token_force_remaining{app=\"" + MINI_PROGRAM + "\"}")
                .contains("wxgate_token_expires_in{app=\"" + MINI_PROGRAM + "\"}");
    }
}
