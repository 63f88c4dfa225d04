package dev.wxgate.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wxgate.application.operator.ManageOperators;
import dev.wxgate.application.token.TokenStatus;
import dev.wxgate.application.token.ViewTokenStatus;
import dev.wxgate.bootstrap.WxgateApplication;
import dev.wxgate.console.ConsoleHttpClient.Page;
import dev.wxgate.domain.app.AppId;
import dev.wxgate.domain.audit.AuditEntry;
import dev.wxgate.domain.audit.AuditKind;
import dev.wxgate.domain.audit.AuditLog;
import dev.wxgate.domain.audit.AuditOutcome;
import dev.wxgate.domain.audit.AuditQuery;
import dev.wxgate.domain.operator.OperatorRole;
import dev.wxgate.domain.wechat.WechatFailure;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Quotas per app and clear_quota from the console, end to end over HTTP against the built-in sandbox: a classic test
 * account (its own quota of 3), a classic app and a stable app (WeChat's figures). The classic test account spends its
 * quota (45009), an ADMIN clears it from its card (the sandbox's count starts again, wxgate gets tokens again), the
 * eleventh clear of the month is WeChat's 48006, shown as such, and a VIEWER can neither see nor make a clear.
 */
@SpringBootTest(
        classes = WxgateApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "WXGATE_ADMIN_PASSWORD=" + QuotaClearConsoleTest.ADMIN_PASSWORD,
            "wxgate.sandbox.enabled=true",
            "wxgate.sandbox.apps[0].app-id=" + QuotaClearConsoleTest.TEST_ACCOUNT,
            "wxgate.sandbox.apps[0].secret=" + QuotaClearConsoleTest.SECRET,
            "wxgate.sandbox.apps[0].daily-quota=3",
            "wxgate.sandbox.apps[1].app-id=" + QuotaClearConsoleTest.CLASSIC,
            "wxgate.sandbox.apps[1].secret=" + QuotaClearConsoleTest.SECRET,
            "wxgate.sandbox.apps[2].app-id=" + QuotaClearConsoleTest.STABLE,
            "wxgate.sandbox.apps[2].secret=" + QuotaClearConsoleTest.SECRET,
            "wxgate.apps[0].app-id=" + QuotaClearConsoleTest.TEST_ACCOUNT,
            "wxgate.apps[0].secret=" + QuotaClearConsoleTest.SECRET,
            "wxgate.apps[0].token-mode=classic",
            "wxgate.apps[0].daily-quota=3",
            "wxgate.apps[1].app-id=" + QuotaClearConsoleTest.CLASSIC,
            "wxgate.apps[1].secret=" + QuotaClearConsoleTest.SECRET,
            "wxgate.apps[1].token-mode=classic",
            "wxgate.apps[2].app-id=" + QuotaClearConsoleTest.STABLE,
            "wxgate.apps[2].secret=" + QuotaClearConsoleTest.SECRET,
            "wxgate.apps[2].token-mode=stable"
        })
@ActiveProfiles("test")
class QuotaClearConsoleTest {
    static final String ADMIN_PASSWORD = "quota-console-password-1";
    static final String VIEWER_PASSWORD = "quota-viewer-password-1";
    static final String TEST_ACCOUNT = "wx00000000000000a1";
    static final String CLASSIC = "wx00000000000000a2";
    static final String STABLE = "wx00000000000000a3";
    static final String SECRET = "0123456789abcdef0123456789abcdef";

    @LocalServerPort
    int port;

    @Autowired
    ViewTokenStatus status;

    @Autowired
    AuditLog auditLog;

    @Autowired
    ManageOperators operators;

    private TokenStatus status(String appId) {
        return status.of(AppId.of(appId));
    }

    /** A GET that must answer 200, its body. */
    private String read(String path) throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> answer = http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                            // The test scraper's key (application-test.yml); other paths ignore it.
                            .header("Authorization", "Bearer wxgate-test-metrics-key")
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            return answer.body();
        }
    }

    /** The sandbox's control API, as JSON. */
    private JsonNode sandbox(String path) throws Exception {
        return JsonMapper.shared().readTree(read(path));
    }

    private int sandboxTokenCallsToday() throws Exception {
        return sandbox("/_sandbox/apps/" + TEST_ACCOUNT).path("tokenCallsToday").asInt(-1);
    }

    private long sandboxClearCalls() throws Exception {
        return sandbox("/_sandbox/stats")
                .path("apps")
                .path(TEST_ACCOUNT)
                .path("/cgi-bin/clear_quota")
                .asLong(0);
    }

    private Page forceRefresh(ConsoleHttpClient admin) throws Exception {
        admin.get(port, "/console");
        return admin.post(port, "/console/apps/" + TEST_ACCOUNT + "/refresh", Map.of("reason", "quota test"));
    }

    private Page clear(ConsoleHttpClient operator) throws Exception {
        operator.get(port, "/console");
        return operator.post(port, "/console/apps/" + TEST_ACCOUNT + "/clear-quota", Map.of());
    }

    @Test
    void eachAppHasItsOwnLimitAndAnAdminClearsAQuotaTenTimesAMonth() throws Exception {
        assertThat(status(TEST_ACCOUNT).dailyQuota()).isEqualTo(3);
        assertThat(status(CLASSIC).dailyQuota()).isEqualTo(2000);
        assertThat(status(STABLE).dailyQuota()).isEqualTo(500_000);
        assertThat(read("/actuator/prometheus"))
                .contains("wxgate_token_quota_limit{app=\"" + TEST_ACCOUNT + "\"} 3.0")
                .contains("wxgate_token_quota_limit{app=\"" + CLASSIC + "\"} 2000.0")
                .contains("wxgate_token_quota_limit{app=\"" + STABLE + "\"} 500000.0");

        ConsoleHttpClient admin = new ConsoleHttpClient();
        assertThat(admin.signIn(port, "admin", ADMIN_PASSWORD).redirect()).isEqualTo("/console");
        Page dashboard = admin.get(port, "/console");
        assertThat(dashboard.body())
                .contains("max=\"3\"")
                .contains("max=\"2000\"")
                .contains("max=\"500000\"")
                .contains("/console/apps/" + TEST_ACCOUNT + "/clear-quota");

        // Three tokens spend the test account's quota; the fourth call is WeChat's 45009.
        for (int i = 0; i < 3; i++) {
            assertThat(forceRefresh(admin).status()).isEqualTo(302);
        }
        long versionBefore = status(TEST_ACCOUNT).token().orElseThrow().version();
        forceRefresh(admin);
        assertThat(status(TEST_ACCOUNT).lastFailure())
                .hasValueSatisfying(failure -> assertThat(failure.failure()).isEqualTo(WechatFailure.QUOTA_EXHAUSTED));
        assertThat(status(TEST_ACCOUNT).today().calls()).isEqualTo(4);
        assertThat(sandboxTokenCallsToday()).isEqualTo(3);

        Page cleared = clear(admin);
        assertThat(cleared.status()).isEqualTo(302);
        assertThat(cleared.redirect()).isEqualTo("/console");

        assertThat(sandboxTokenCallsToday()).isZero();
        assertThat(status(TEST_ACCOUNT).today().calls()).isZero();
        assertThat(status(TEST_ACCOUNT).lastFailure()).isEmpty();
        assertThat(admin.get(port, "/console").body()).contains("1 of 10");
        assertThat(forceRefresh(admin).status()).isEqualTo(302);
        assertThat(status(TEST_ACCOUNT).token().orElseThrow().version()).isGreaterThan(versionBefore);
        assertThat(status(TEST_ACCOUNT).lastFailure()).isEmpty();
        List<AuditEntry> audited = auditLog.find(AuditQuery.latest(50)).stream()
                .filter(entry -> entry.event().kind() == AuditKind.QUOTA_CLEARED)
                .toList();
        assertThat(audited).hasSize(1);
        assertThat(audited.getFirst().event().actor()).isEqualTo("admin");
        assertThat(audited.getFirst().event().appId()).contains(AppId.of(TEST_ACCOUNT));
        assertThat(audited.getFirst().event().outcome()).isEqualTo(AuditOutcome.SUCCESS);

        for (int i = 2; i <= 10; i++) {
            assertThat(clear(admin).status()).isEqualTo(302);
        }
        assertThat(admin.get(port, "/console").body()).contains("10 of 10");

        clear(admin);
        Page refused = admin.get(port, "/console");
        assertThat(refused.body())
                .contains("id=\"problem\"")
                .contains("errcode 48006")
                .contains("10 of 10");
        assertThat(sandboxClearCalls()).isEqualTo(11);
        assertThat(auditLog.find(AuditQuery.latest(1)).getFirst().event().outcome())
                .isEqualTo(AuditOutcome.REFUSED);

        operators.add("admin", "watcher", OperatorRole.VIEWER, VIEWER_PASSWORD);
        ConsoleHttpClient viewer = new ConsoleHttpClient();
        assertThat(viewer.signIn(port, "watcher", VIEWER_PASSWORD).redirect()).isEqualTo("/console");
        Page seen = viewer.get(port, "/console");
        assertThat(seen.body()).contains("10 of 10").doesNotContain("/clear-quota");
        assertThat(viewer.post(port, "/console/apps/" + TEST_ACCOUNT + "/clear-quota", Map.of())
                        .status())
                .isEqualTo(403);
        assertThat(sandboxClearCalls()).isEqualTo(11);
    }
}
