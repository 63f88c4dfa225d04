package dev.wxgate.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wxgate.application.audit.CountTokenReads;
import dev.wxgate.application.audit.ReadTokenReads;
import dev.wxgate.bootstrap.WxgateApplication;
import dev.wxgate.domain.app.AppId;
import dev.wxgate.domain.audit.TokenReadCount;
import dev.wxgate.domain.token.CredentialKind;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The internal API's clients end to end in the embedded default: each token or ticket read is counted per client, app
 * and hour (one row, not one per read), the console shows the counts, and a client past its own rate limit is refused.
 */
@SpringBootTest(classes = WxgateApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class TokenReadsAuditTest {
    private static final String ADMIN_PASSWORD = "token-reads-admin-password";
    private static final String BILLING_KEY = "billing-backend-key-0123456789abcdef";
    private static final String BUSY_KEY = "busy-backend-key-0123456789abcdefgh";
    private static final String CRM_KEY = "crm-backend-key-0123456789abcdefghij";
    private static final String MINI_PROGRAM = "wxa1b2c3d4e5f60001";
    private static final String OFFICIAL_ACCOUNT = "wxa1b2c3d4e5f60002";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Autowired
    CountTokenReads countTokenReads;

    @Autowired
    ReadTokenReads readTokenReads;

    @DynamicPropertySource
    static void clients(DynamicPropertyRegistry properties) {
        properties.add("WXGATE_ADMIN_PASSWORD", () -> ADMIN_PASSWORD);
        properties.add("wxgate.clients[0].id", () -> "billing");
        properties.add("wxgate.clients[0].key-sha256", () -> sha256(BILLING_KEY));
        properties.add("wxgate.clients[0].apps", () -> "*");
        properties.add("wxgate.clients[1].id", () -> "busy");
        properties.add("wxgate.clients[1].key-sha256", () -> sha256(BUSY_KEY));
        properties.add("wxgate.clients[1].apps", () -> MINI_PROGRAM);
        properties.add("wxgate.clients[1].rate-limit", () -> "3");
        properties.add("wxgate.clients[2].id", () -> "crm");
        properties.add("wxgate.clients[2].key-sha256", () -> sha256(CRM_KEY));
        properties.add("wxgate.clients[2].apps", () -> "*");
    }

    private static String sha256(String key) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private HttpResponse<String> read(String path, String key) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .header("Authorization", "Bearer " + key)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void readsAreCountedPerClientAppAndHourAndShownOnTheConsole() throws Exception {
        for (int i = 0; i < 5; i++) {
            assertThat(read("/internal/v1/apps/" + MINI_PROGRAM + "/access-token", BILLING_KEY)
                            .statusCode())
                    .isEqualTo(200);
        }
        for (int i = 0; i < 2; i++) {
            assertThat(read("/internal/v1/apps/" + OFFICIAL_ACCOUNT + "/tickets/jsapi", BILLING_KEY)
                            .statusCode())
                    .isEqualTo(200);
        }
        countTokenReads.flush();
        assertThat(read("/internal/v1/apps/" + MINI_PROGRAM + "/access-token", BILLING_KEY)
                        .statusCode())
                .isEqualTo(200);
        countTokenReads.flush(); // the same hour: added to the row, not a row of its own

        assertThat(readTokenReads.lastHours(1, Optional.empty()))
                .filteredOn(count -> count.client().equals("billing"))
                .extracting(TokenReadCount::appId, TokenReadCount::credential, TokenReadCount::reads)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(AppId.of(MINI_PROGRAM), CredentialKind.ACCESS_TOKEN, 6L),
                        org.assertj.core.groups.Tuple.tuple(
                                AppId.of(OFFICIAL_ACCOUNT), CredentialKind.JSAPI_TICKET, 2L));

        ConsoleHttpClient browser = new ConsoleHttpClient();
        assertThat(browser.signIn(port, "admin", ADMIN_PASSWORD).status()).isEqualTo(302);
        assertThat(browser.get(port, "/console/audit").body()).contains("/console/audit/token-reads");
        ConsoleHttpClient.Page page = browser.get(port, "/console/audit/token-reads?app=" + MINI_PROGRAM);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body())
                .contains("data-client=\"billing\"", "access_token", ">6<")
                .doesNotContain("data-app=\"" + OFFICIAL_ACCOUNT + "\"");
        assertThat(browser.get(port, "/console/audit/token-reads?app=not-an-app")
                        .status())
                .isEqualTo(200);
    }

    @Test
    void aClientPastItsOwnRateLimitIsRefusedWhileOthersAreNot() throws Exception {
        String path = "/internal/v1/apps/" + MINI_PROGRAM + "/access-token";
        for (int i = 0; i < 3; i++) {
            assertThat(read(path, BUSY_KEY).statusCode()).isEqualTo(200);
        }

        HttpResponse<String> refused = read(path, BUSY_KEY);

        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.headers().firstValue("Retry-After")).isPresent();
        assertThat(refused.body()).contains("\"error\":\"rate_limited\"").doesNotContain("access_token\":");
        assertThat(read(path, CRM_KEY).statusCode()).isEqualTo(200);
    }
}
