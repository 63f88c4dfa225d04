package dev.wxgate.sandbox;

import static dev.wxgate.sandbox.SandboxFixtures.MINI;
import static dev.wxgate.sandbox.SandboxFixtures.MINI_SECRET;
import static dev.wxgate.sandbox.SandboxFixtures.OFFICIAL;
import static dev.wxgate.sandbox.SandboxFixtures.OFFICIAL_SECRET;
import static dev.wxgate.sandbox.SandboxFixtures.classic;
import static dev.wxgate.sandbox.SandboxFixtures.error;
import static dev.wxgate.sandbox.SandboxFixtures.ok;
import static dev.wxgate.sandbox.SandboxFixtures.stable;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ClassicTokenTest {
    private final SandboxEngine engine = SandboxFixtures.engine();

    /** A call that needs a token; the answer says whether the token works (87009: it did, the signature did not). */
    private ErrorCode use(String token) {
        return error(engine.checkSession("GET", token, "nobody", "00", "hmac_sha256"));
    }

    @Test
    void eachCallIssuesANewTokenWithTheConfiguredLifetime() {
        AppState.Grant first = classic(engine, MINI, MINI_SECRET);
        AppState.Grant second = classic(engine, MINI, MINI_SECRET);

        assertThat(first.accessToken()).isNotEqualTo(second.accessToken());
        assertThat(first.expiresIn()).isEqualTo(7200);
        assertThat(first.accessToken()).matches("\\d+_[A-Za-z0-9_-]{100,}").hasSize(512);
    }

    @Test
    void previousTokenWorksForFiveMinutesThenFailsWith40001() {
        String old = classic(engine, MINI, MINI_SECRET).accessToken();
        String current = classic(engine, MINI, MINI_SECRET).accessToken();

        engine.advanceClock(Duration.ofSeconds(299));
        assertThat(use(old)).isEqualTo(ErrorCode.INVALID_OPENID);

        engine.advanceClock(Duration.ofSeconds(1));
        assertThat(use(old)).isEqualTo(ErrorCode.INVALID_CREDENTIAL);
        assertThat(use(current)).isEqualTo(ErrorCode.INVALID_OPENID);
    }

    @Test
    void onlyThePreviousTokenOverlaps() {
        String first = classic(engine, MINI, MINI_SECRET).accessToken();
        String second = classic(engine, MINI, MINI_SECRET).accessToken();
        classic(engine, MINI, MINI_SECRET);

        assertThat(use(first)).isEqualTo(ErrorCode.INVALID_CREDENTIAL);
        assertThat(use(second)).isEqualTo(ErrorCode.INVALID_OPENID);
    }

    @Test
    void expiredTokenFailsWith42001() {
        engine.changeApp(MINI, 60L, null, null);
        String token = classic(engine, MINI, MINI_SECRET).accessToken();

        engine.advanceClock(Duration.ofSeconds(59));
        assertThat(use(token)).isEqualTo(ErrorCode.INVALID_OPENID);
        engine.advanceClock(Duration.ofSeconds(1));
        assertThat(use(token)).isEqualTo(ErrorCode.ACCESS_TOKEN_EXPIRED);
    }

    @Test
    void tokenThatExpiredBeforeItWasReplacedStillSaysExpired() {
        engine.changeApp(MINI, 10L, null, null);
        String token = classic(engine, MINI, MINI_SECRET).accessToken();
        engine.advanceClock(Duration.ofSeconds(20));
        classic(engine, MINI, MINI_SECRET);

        assertThat(use(token)).isEqualTo(ErrorCode.ACCESS_TOKEN_EXPIRED);
    }

    @Test
    void tokensAlreadyIssuedKeepTheirLifetimeWhenTheAppChanges() {
        String token = classic(engine, MINI, MINI_SECRET).accessToken();
        engine.changeApp(MINI, 5L, null, null);

        engine.advanceClock(Duration.ofSeconds(10));
        assertThat(use(token)).isEqualTo(ErrorCode.INVALID_OPENID);
        assertThat(classic(engine, MINI, MINI_SECRET).expiresIn()).isEqualTo(5);
    }

    @Test
    void dailyQuotaAnswers45009AndOnlySuccessfulCallsCount() {
        engine.changeApp(MINI, null, 3, null);
        assertThat(error(engine.classicToken("GET", "client_credential", MINI, OFFICIAL_SECRET)))
                .isEqualTo(ErrorCode.INVALID_APPSECRET);
        for (int i = 0; i < 3; i++) {
            classic(engine, MINI, MINI_SECRET);
        }

        assertThat(error(engine.classicToken("GET", "client_credential", MINI, MINI_SECRET)))
                .isEqualTo(ErrorCode.DAILY_QUOTA);
        assertThat(engine.app(MINI).classicCallsToday()).isEqualTo(3);
        // Quotas are per app.
        classic(engine, OFFICIAL, OFFICIAL_SECRET);
    }

    @Test
    void quotaResetsAtMidnightInShanghai() {
        // 23:59 in Shanghai is 15:59 UTC.
        SandboxEngine late = SandboxFixtures.engine(Instant.parse("2025-03-01T15:59:00Z"), new SandboxFixtures.Seams());
        late.changeApp(MINI, null, 1, null);
        classic(late, MINI, MINI_SECRET);
        assertThat(error(late.classicToken("GET", "client_credential", MINI, MINI_SECRET)))
                .isEqualTo(ErrorCode.DAILY_QUOTA);

        late.advanceClock(Duration.ofSeconds(60));

        assertThat(ok(late.classicToken("GET", "client_credential", MINI, MINI_SECRET)))
                .isNotNull();
    }

    @Test
    void classicCallsLeaveTheStableTokenAlone() {
        String stableToken = ok(stable(engine, MINI, MINI_SECRET, false)).accessToken();
        classic(engine, MINI, MINI_SECRET);
        classic(engine, MINI, MINI_SECRET);
        classic(engine, MINI, MINI_SECRET);

        assertThat(use(stableToken)).isEqualTo(ErrorCode.INVALID_OPENID);
        assertThat(ok(stable(engine, MINI, MINI_SECRET, false)).accessToken()).isEqualTo(stableToken);
    }

    @Test
    void malformedRequestsGetWechatsCodes() {
        assertThat(error(engine.classicToken("POST", "client_credential", MINI, MINI_SECRET)))
                .isEqualTo(ErrorCode.REQUIRE_GET);
        assertThat(error(engine.classicToken("GET", null, MINI, MINI_SECRET))).isEqualTo(ErrorCode.INVALID_GRANT_TYPE);
        assertThat(error(engine.classicToken("GET", "authorization_code", MINI, MINI_SECRET)))
                .isEqualTo(ErrorCode.INVALID_GRANT_TYPE);
        assertThat(error(engine.classicToken("GET", "client_credential", null, MINI_SECRET)))
                .isEqualTo(ErrorCode.APPID_MISSING);
        assertThat(error(engine.classicToken("GET", "client_credential", MINI, "")))
                .isEqualTo(ErrorCode.APPSECRET_MISSING);
        assertThat(error(engine.classicToken("GET", "client_credential", "wx9999999999999999", MINI_SECRET)))
                .isEqualTo(ErrorCode.INVALID_APPID);
        assertThat(error(engine.classicToken("GET", "client_credential", MINI, OFFICIAL_SECRET)))
                .isEqualTo(ErrorCode.INVALID_APPSECRET);
        assertThat(engine.app(MINI).classicCallsToday()).isZero();
    }
}
