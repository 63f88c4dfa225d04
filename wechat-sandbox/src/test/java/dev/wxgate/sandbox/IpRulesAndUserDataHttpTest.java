package dev.wxgate.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wxgate.sandbox.HttpSandboxClient.Reply;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The standalone sandbox over HTTP: an app's IP whitelist and risk control on the token endpoints, 40014 for a
 * malformed access_token, and the user data a test hands wxgate (rawData with its signature, dated encryptedData).
 */
@SpringBootTest(classes = WechatSandboxApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class IpRulesAndUserDataHttpTest {
    static final String MINI = "wxa1b2c3d4e5f60001";
    static final String MINI_SECRET = "5a4d0b0c1e2f3a4b5c6d7e8f90a10001";
    static final String RULES = "/_sandbox/apps/" + MINI + "/ip-rules";

    @LocalServerPort
    int port;

    HttpSandboxClient client;

    @BeforeEach
    void reset() {
        client = new HttpSandboxClient(port);
        assertThat(client.post("/_sandbox/reset", "").status()).isEqualTo(200);
    }

    private Reply classic() {
        return client.get(
                "/cgi-bin/token", Map.of("grant_type", "client_credential", "appid", MINI, "secret", MINI_SECRET));
    }

    private Reply stable() {
        return client.post(
                "/cgi-bin/stable_token",
                "{\"grant_type\":\"client_credential\",\"appid\":\"" + MINI + "\",\"secret\":\"" + MINI_SECRET + "\"}");
    }

    @Test
    void anAddressOffTheWhitelistGets40164NamingItUntilItIsAdded() {
        assertThat(classic().text("access_token")).isNotBlank(); // off by default

        Reply set = client.send("PUT", RULES, "{\"whitelist\":[\"203.0.113.10\"]}");
        assertThat(set.status()).isEqualTo(200);

        for (Reply refused : new Reply[] {classic(), stable()}) {
            assertThat(refused.errcode()).isEqualTo(40164);
            assertThat(refused.text("errmsg")).startsWith("invalid ip 127.0.0.1, not in whitelist rid: ");
        }
        assertThat(client.get("/_sandbox/stats")
                        .json()
                        .path("apps")
                        .path(MINI)
                        .path("/cgi-bin/stable_token")
                        .asInt())
                .isEqualTo(1);

        client.send("PUT", RULES, "{\"whitelist\":[\"203.0.113.10\",\"127.0.0.1\"]}");
        assertThat(stable().text("access_token")).isNotBlank();
        client.send("PUT", RULES, "{}");
        assertThat(client.get(RULES).json().path("whitelist").isNull()).isTrue();
    }

    @Test
    void underRiskControlANewAddressGets89503UntilTheAdminConfirmsIt() {
        client.send("PUT", RULES, "{\"riskControl\":true}");

        Reply refused = stable();
        assertThat(refused.errcode()).isEqualTo(89503);
        assertThat(client.get(RULES).json().path("pending").get(0).asString()).isEqualTo("127.0.0.1");
        assertThat(classic().errcode()).isEqualTo(89503);

        Reply confirmed = client.post(RULES + "/confirm", "{\"ip\":\"127.0.0.1\"}");
        assertThat(confirmed.status()).isEqualTo(200);
        assertThat(confirmed.json().path("pending").isEmpty()).isTrue();
        assertThat(stable().text("access_token")).isNotBlank();
    }

    @Test
    void ipRulesInputIsValidated() {
        assertThat(client.send("PUT", RULES, "{\"whitelist\":\"127.0.0.1\"}").status())
                .isEqualTo(400);
        assertThat(client.send("PUT", RULES, "{\"whitelist\":[\"\"]}").status()).isEqualTo(400);
        assertThat(client.send("PUT", RULES, "{\"riskControl\":1}").status()).isEqualTo(400);
        assertThat(client.post(RULES + "/confirm", "{}").status()).isEqualTo(400);
        assertThat(client.get("/_sandbox/apps/wx-no-such-app/ip-rules").status())
                .isEqualTo(404);
    }

    @Test
    void aMalformedAccessTokenIs40014AndAnUnknownOne40001() {
        String query = "&openid=alice&signature=00&sig_method=hmac_sha256";
        assertThat(client.get("/wxa/checksession?access_token=not%20a%20token!" + query)
                        .errcode())
                .isEqualTo(40014);
        assertThat(client.get("/wxa/checksession?access_token=86_unknown" + query)
                        .errcode())
                .isEqualTo(40001);
    }

    @Test
    void rawDataIsSignedWithTheUsersSessionKeyAndEncryptedDataCanBeDated() throws Exception {
        String code = client.post("/_sandbox/apps/" + MINI + "/users/alice/login-code", "")
                .text("code");
        String sessionKey = client.get(
                        "/sns/jscode2session",
                        Map.of(
                                "appid",
                                MINI,
                                "secret",
                                MINI_SECRET,
                                "js_code",
                                code,
                                "grant_type",
                                "authorization_code"))
                .text("session_key");

        Reply raw = client.post("/_sandbox/apps/" + MINI + "/users/alice/raw-data", "{\"nickName\":\"Alice\"}");
        assertThat(raw.status()).isEqualTo(201);
        assertThat(raw.text("rawData")).isEqualTo("{\"nickName\":\"Alice\"}");
        byte[] digest = MessageDigest.getInstance("SHA-1")
                .digest((raw.text("rawData") + sessionKey).getBytes(StandardCharsets.UTF_8));
        assertThat(raw.text("signature")).isEqualTo(HexFormat.of().formatHex(digest));
        assertThat(client.post("/_sandbox/apps/" + MINI + "/users/nobody/raw-data", "{}")
                        .status())
                .isEqualTo(409);

        long old = Instant.now().getEpochSecond() - 3600;
        assertThat(client.post("/_sandbox/apps/" + MINI + "/users/alice/encrypted-data?timestamp=" + old, "{}")
                        .status())
                .isEqualTo(201);
        assertThat(client.post("/_sandbox/apps/" + MINI + "/users/alice/encrypted-data?timestamp=soon", "{}")
                        .status())
                .isEqualTo(400);
    }
}
