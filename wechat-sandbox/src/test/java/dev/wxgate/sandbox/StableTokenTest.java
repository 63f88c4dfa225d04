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

class StableTokenTest {
    private final SandboxEngine engine = SandboxFixtures.engine();

    private AppState.Grant normal() {
        return ok(stable(engine, MINI, MINI_SECRET, false));
    }

    private Outcome<AppState.Grant> forced() {
        return stable(engine, MINI, MINI_SECRET, true);
    }

    private ErrorCode use(String token) {
        return error(engine.checkSession("GET", token, "nobody", "00", "hmac_sha256"));
    }

    @Test
    void sameTokenWithTheSecondsItHasLeft() {
        AppState.Grant first = normal();
        engine.advanceClock(Duration.ofSeconds(1000));
        AppState.Grant later = normal();

        assertThat(later.accessToken()).isEqualTo(first.accessToken());
        assertThat(first.expiresIn()).isEqualTo(7200);
        assertThat(later.expiresIn()).isEqualTo(6200);
    }

    @Test
    void renewedFiveMinutesBeforeExpiryWhileTheOldOneLivesOutItsTerm() {
        String old = normal().accessToken();
        engine.advanceClock(Duration.ofSeconds(6900));
        assertThat(normal())
                .extracting(AppState.Grant::accessToken, AppState.Grant::expiresIn)
                .containsExactly(old, 300L);

        engine.advanceClock(Duration.ofSeconds(1));
        AppState.Grant renewed = normal();

        assertThat(renewed.accessToken()).isNotEqualTo(old);
        assertThat(renewed.expiresIn()).isEqualTo(7200);
        assertThat(use(old)).isEqualTo(ErrorCode.INVALID_OPENID);
        engine.advanceClock(Duration.ofSeconds(299));
        assertThat(use(old)).isEqualTo(ErrorCode.ACCESS_TOKEN_EXPIRED);
        assertThat(use(renewed.accessToken())).isEqualTo(ErrorCode.INVALID_OPENID);
    }

    @Test
    void expiresInNeverDropsBelowFiveMinutesWithWechatsLifetime() {
        long smallest = Long.MAX_VALUE;
        for (int i = 0; i < 200; i++) {
            smallest = Math.min(smallest, normal().expiresIn());
            engine.advanceClock(Duration.ofSeconds(97));
        }
        assertThat(smallest).isGreaterThanOrEqualTo(300);
    }

    @Test
    void shortTestLifetimesRenewInTheSecondHalf() {
        engine.changeApp(MINI, 10L, null, null);
        AppState.Grant first = normal();
        engine.advanceClock(Duration.ofSeconds(5));
        assertThat(normal()).isEqualTo(new AppState.Grant(first.accessToken(), 5));

        engine.advanceClock(Duration.ofMillis(1));
        AppState.Grant renewed = normal();

        assertThat(renewed.accessToken()).isNotEqualTo(first.accessToken());
        assertThat(renewed.expiresIn()).isEqualTo(10);
    }

    @Test
    void expiredStableTokenIsReplacedOnTheNextCall() {
        engine.changeApp(MINI, 10L, null, null);
        String old = normal().accessToken();
        engine.advanceClock(Duration.ofSeconds(60));

        assertThat(use(old)).isEqualTo(ErrorCode.ACCESS_TOKEN_EXPIRED);
        assertThat(normal().accessToken()).isNotEqualTo(old);
    }

    @Test
    void stableAndClassicTokensAreIndependent() {
        String classicToken = classic(engine, MINI, MINI_SECRET).accessToken();
        String stableToken = normal().accessToken();
        ok(forced());

        assertThat(use(classicToken)).isEqualTo(ErrorCode.INVALID_OPENID);
        assertThat(stableToken).isNotEqualTo(classicToken);
        classic(engine, MINI, MINI_SECRET);
        classic(engine, MINI, MINI_SECRET);
        assertThat(use(normal().accessToken())).isEqualTo(ErrorCode.INVALID_OPENID);
    }

    @Test
    void forcedRefreshIssuesANewTokenAndKillsTheOldOne() {
        String old = normal().accessToken();
        AppState.Grant forced = ok(forced());

        assertThat(forced.accessToken()).isNotEqualTo(old);
        assertThat(forced.expiresIn()).isEqualTo(7200);
        assertThat(use(old)).isEqualTo(ErrorCode.INVALID_CREDENTIAL);
        assertThat(normal().accessToken()).isEqualTo(forced.accessToken());
    }

    @Test
    void forcedRefreshWithinThirtySecondsDoesNotRefresh() {
        String first = ok(forced()).accessToken();
        engine.advanceClock(Duration.ofSeconds(29));

        assertThat(ok(forced()).accessToken()).isEqualTo(first);
        assertThat(engine.app(MINI).forceRefreshesToday()).isEqualTo(1);

        engine.advanceClock(Duration.ofSeconds(1));
        assertThat(ok(forced()).accessToken()).isNotEqualTo(first);
        assertThat(engine.app(MINI).forceRefreshesToday()).isEqualTo(2);
    }

    @Test
    void twentyForcedRefreshesADayThen45009UntilMidnight() {
        // 19:00 in Shanghai: 21 refreshes 30 s apart end well before midnight.
        SandboxEngine evening =
                SandboxFixtures.engine(Instant.parse("2025-03-01T11:00:00Z"), new SandboxFixtures.Seams());
        for (int i = 0; i < 20; i++) {
            ok(stable(evening, MINI, MINI_SECRET, true));
            evening.advanceClock(Duration.ofSeconds(30));
        }

        assertThat(error(stable(evening, MINI, MINI_SECRET, true))).isEqualTo(ErrorCode.DAILY_QUOTA);
        // Normal mode still works.
        ok(stable(evening, MINI, MINI_SECRET, false));

        evening.advanceClock(Duration.ofHours(5));
        ok(stable(evening, MINI, MINI_SECRET, true));
    }

    @Test
    void stableTokenHasItsOwnDailyQuota() {
        engine.changeApp(MINI, null, null, 2);
        normal();
        normal();

        assertThat(error(stable(engine, MINI, MINI_SECRET, false))).isEqualTo(ErrorCode.DAILY_QUOTA);
        classic(engine, MINI, MINI_SECRET);
        assertThat(engine.app(MINI).stableCallsToday()).isEqualTo(2);
        assertThat(engine.app(MINI).classicCallsToday()).isEqualTo(1);
    }

    @Test
    void eachAppHasItsOwnStableToken() {
        String mini = normal().accessToken();
        String official = ok(stable(engine, OFFICIAL, OFFICIAL_SECRET, false)).accessToken();

        assertThat(mini).isNotEqualTo(official);
    }

    @Test
    void malformedRequestsGetWechatsCodes() {
        assertThat(error(engine.stableToken(
                        "GET",
                        new SandboxEngine.StableTokenRequest("client_credential", MINI, MINI_SECRET, false, true))))
                .isEqualTo(ErrorCode.REQUIRE_POST);
        assertThat(error(engine.stableToken(
                        "POST", new SandboxEngine.StableTokenRequest(null, null, null, false, false))))
                .isEqualTo(ErrorCode.DATA_FORMAT_ERROR);
        assertThat(error(engine.stableToken(
                        "POST", new SandboxEngine.StableTokenRequest(null, null, null, false, true))))
                .isEqualTo(ErrorCode.APPID_MISSING);
        assertThat(error(engine.stableToken(
                        "POST", new SandboxEngine.StableTokenRequest("client_credential", MINI, null, false, true))))
                .isEqualTo(ErrorCode.APPSECRET_MISSING);
        assertThat(error(engine.stableToken(
                        "POST", new SandboxEngine.StableTokenRequest("password", MINI, MINI_SECRET, false, true))))
                .isEqualTo(ErrorCode.INVALID_GRANT_TYPE);
        assertThat(error(stable(engine, "wx9999999999999999", MINI_SECRET, false)))
                .isEqualTo(ErrorCode.INVALID_APPID);
        assertThat(error(stable(engine, MINI, OFFICIAL_SECRET, false))).isEqualTo(ErrorCode.INVALID_APPSECRET);
    }

    @Test
    void renewalThresholdIsFiveMinutesOrHalfTheLife() {
        assertThat(AppState.renewalThreshold(Duration.ofSeconds(7200))).isEqualTo(Duration.ofMinutes(5));
        assertThat(AppState.renewalThreshold(Duration.ofSeconds(600))).isEqualTo(Duration.ofMinutes(5));
        assertThat(AppState.renewalThreshold(Duration.ofSeconds(60))).isEqualTo(Duration.ofSeconds(30));
    }
}
