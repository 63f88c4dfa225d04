package dev.wxgate.sandbox;

import static dev.wxgate.sandbox.SandboxFixtures.MINI;
import static dev.wxgate.sandbox.SandboxFixtures.MINI_SECRET;
import static dev.wxgate.sandbox.SandboxFixtures.SIBLING;
import static dev.wxgate.sandbox.SandboxFixtures.SIBLING_SECRET;
import static dev.wxgate.sandbox.SandboxFixtures.classic;
import static dev.wxgate.sandbox.SandboxFixtures.error;
import static dev.wxgate.sandbox.SandboxFixtures.login;
import static dev.wxgate.sandbox.SandboxFixtures.ok;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SessionKeyTest {
    private final SandboxEngine engine = SandboxFixtures.engine();
    private String token;

    @BeforeEach
    void token() {
        token = classic(engine, MINI, MINI_SECRET).accessToken();
    }

    private Outcome<String> check(String openid, String sessionKey) {
        return engine.checkSession("GET", token, openid, Secrets.sessionSignature(sessionKey), "hmac_sha256");
    }

    private Outcome<SandboxEngine.RenewedKey> reset(String openid, String sessionKey) {
        return engine.resetSessionKey("GET", token, openid, Secrets.sessionSignature(sessionKey), "hmac_sha256");
    }

    @Test
    void signatureIsHmacSha256OfAnEmptyMessageKeyedWithTheSessionKeyText() {
        // Vectors computed with openssl: printf '' | openssl dgst -sha256 -hmac KEY
        assertThat(Secrets.sessionSignature("key"))
                .isEqualTo("5d5d139563c95b5967b9bd9a8c9b233a9dedb45072794cd232dc1b74832607d0");
        assertThat(Secrets.sessionSignature("HkeqfwpBvHnCwW+4kMCNLQ=="))
                .isEqualTo("7b5bcaca21362f50c0e209190cd00050824fd0be512f2ab5089273f54048e8f5");
    }

    @Test
    void rightSignatureChecksOutAndAWrongOneIs87009() {
        String key = login(engine, MINI, MINI_SECRET, "alice").sessionKey();

        assertThat(ok(check("alice", key))).isEqualTo("alice");
        assertThat(ok(engine.checkSession(
                        "GET", token, "alice", Secrets.sessionSignature(key).toUpperCase(), "hmac_sha256")))
                .isEqualTo("alice");
        assertThat(error(check("alice", "c29tZXRoaW5nIGVsc2U="))).isEqualTo(ErrorCode.INVALID_SIGNATURE);
    }

    @Test
    void aNewLoginKillsTheOldKey() {
        String old = login(engine, MINI, MINI_SECRET, "alice").sessionKey();
        String current = login(engine, MINI, MINI_SECRET, "alice").sessionKey();

        assertThat(error(check("alice", old))).isEqualTo(ErrorCode.INVALID_SIGNATURE);
        ok(check("alice", current));
    }

    @Test
    void resetIssuesANewKeyAndTheOldOneDies() {
        String old = login(engine, MINI, MINI_SECRET, "alice").sessionKey();

        SandboxEngine.RenewedKey renewed = ok(reset("alice", old));

        assertThat(renewed.openid()).isEqualTo("alice");
        assertThat(renewed.sessionKey()).isNotEqualTo(old);
        assertThat(error(check("alice", old))).isEqualTo(ErrorCode.INVALID_SIGNATURE);
        ok(check("alice", renewed.sessionKey()));
        assertThat(error(reset("alice", old))).isEqualTo(ErrorCode.INVALID_SIGNATURE);
    }

    @Test
    void resetKeepsTheOldExpiry() {
        String old = login(engine, MINI, MINI_SECRET, "alice").sessionKey();
        engine.advanceClock(SandboxEngine.SESSION_KEY_LIFETIME.minusHours(1));
        token = classic(engine, MINI, MINI_SECRET).accessToken();
        String renewed = ok(reset("alice", old)).sessionKey();

        engine.advanceClock(Duration.ofHours(1));
        token = classic(engine, MINI, MINI_SECRET).accessToken();

        assertThat(error(check("alice", renewed))).isEqualTo(ErrorCode.INVALID_SIGNATURE);
    }

    @Test
    void wrongSigMethodIs87008AndMissingPartsHaveTheirCodes() {
        String key = login(engine, MINI, MINI_SECRET, "alice").sessionKey();
        String signature = Secrets.sessionSignature(key);

        assertThat(error(engine.checkSession("GET", token, "alice", signature, "md5")))
                .isEqualTo(ErrorCode.INVALID_SIG_METHOD);
        assertThat(error(engine.resetSessionKey("GET", token, "alice", signature, null)))
                .isEqualTo(ErrorCode.INVALID_SIG_METHOD);
        assertThat(error(engine.checkSession("GET", token, "alice", null, "hmac_sha256")))
                .isEqualTo(ErrorCode.INVALID_SIGNATURE);
        assertThat(error(engine.checkSession("GET", token, null, signature, "hmac_sha256")))
                .isEqualTo(ErrorCode.OPENID_MISSING);
        assertThat(error(engine.checkSession("GET", token, "stranger", signature, "hmac_sha256")))
                .isEqualTo(ErrorCode.INVALID_OPENID);
        assertThat(error(engine.checkSession("POST", token, "alice", signature, "hmac_sha256")))
                .isEqualTo(ErrorCode.REQUIRE_GET);
    }

    @Test
    void tokenIsRequiredAndMustBeLiveAndOfTheUsersApp() {
        String key = login(engine, MINI, MINI_SECRET, "alice").sessionKey();
        String signature = Secrets.sessionSignature(key);
        String siblingToken = classic(engine, SIBLING, SIBLING_SECRET).accessToken();

        assertThat(error(engine.checkSession("GET", null, "alice", signature, "hmac_sha256")))
                .isEqualTo(ErrorCode.ACCESS_TOKEN_MISSING);
        assertThat(error(engine.checkSession("GET", "86_made_up", "alice", signature, "hmac_sha256")))
                .isEqualTo(ErrorCode.INVALID_CREDENTIAL);
        assertThat(error(engine.checkSession("GET", siblingToken, "alice", signature, "hmac_sha256")))
                .isEqualTo(ErrorCode.INVALID_CREDENTIAL);
        assertThat(error(engine.resetSessionKey("GET", siblingToken, "alice", signature, "hmac_sha256")))
                .isEqualTo(ErrorCode.INVALID_CREDENTIAL);

        engine.advanceClock(Duration.ofSeconds(7200));
        assertThat(error(engine.checkSession("GET", token, "alice", signature, "hmac_sha256")))
                .isEqualTo(ErrorCode.ACCESS_TOKEN_EXPIRED);
    }
}
