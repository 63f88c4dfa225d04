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

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ClearQuotaTest {
    private final SandboxEngine engine = SandboxFixtures.engine();

    private Outcome<Integer> clear(String token, String appid) {
        return engine.clearQuota("POST", token, appid);
    }

    @Test
    void aClearResetsTheDaysTokenCallsSoTokensAreIssuedAgain() {
        engine.changeApp(MINI, null, 2, null);
        classic(engine, MINI, MINI_SECRET);
        String token = classic(engine, MINI, MINI_SECRET).accessToken();
        assertThat(error(engine.classicToken("GET", "client_credential", MINI, MINI_SECRET)))
                .isEqualTo(ErrorCode.DAILY_QUOTA);

        assertThat(ok(clear(token, MINI))).isEqualTo(1);

        assertThat(engine.app(MINI).classicCallsToday()).isZero();
        classic(engine, MINI, MINI_SECRET);
        assertThat(engine.calls(MINI, Endpoint.CLEAR_QUOTA)).isEqualTo(1);
    }

    @Test
    void tenClearsAMonthThen48006UntilTheNextMonthInChinaTime() {
        // 2025-03-31 23:00 in Shanghai is 15:00 UTC.
        SandboxEngine late = new SandboxEngine(
                SandboxFixtures.apps(), Clock.fixed(Instant.parse("2025-03-31T15:00:00Z"), ZoneOffset.UTC));
        String token = ok(stable(late, MINI, MINI_SECRET, false)).accessToken();
        for (int i = 1; i <= 10; i++) {
            assertThat(ok(late.clearQuota("POST", token, MINI))).isEqualTo(i);
        }

        assertThat(error(late.clearQuota("POST", token, MINI))).isEqualTo(ErrorCode.CLEAR_QUOTA_LIMIT);
        assertThat(ErrorCode.CLEAR_QUOTA_LIMIT.errcode()).isEqualTo(48006);
        assertThat(late.calls(MINI, Endpoint.CLEAR_QUOTA)).isEqualTo(11);

        late.advanceClock(Duration.ofHours(1)); // midnight in Shanghai: April
        String renewed = ok(stable(late, MINI, MINI_SECRET, false)).accessToken();
        assertThat(ok(late.clearQuota("POST", renewed, MINI))).isEqualTo(1);
    }

    @Test
    void theTokenMustBeLiveAndOfTheAppNamedInTheBody() {
        String mini = classic(engine, MINI, MINI_SECRET).accessToken();
        String official = classic(engine, OFFICIAL, OFFICIAL_SECRET).accessToken();

        assertThat(error(clear(null, MINI))).isEqualTo(ErrorCode.ACCESS_TOKEN_MISSING);
        assertThat(error(clear("86_unknown", MINI))).isEqualTo(ErrorCode.INVALID_CREDENTIAL);
        assertThat(error(clear(official, MINI))).isEqualTo(ErrorCode.INVALID_APPID);
        assertThat(error(clear(mini, null))).isEqualTo(ErrorCode.APPID_MISSING);
        assertThat(error(engine.clearQuota("GET", mini, MINI))).isEqualTo(ErrorCode.REQUIRE_POST);
        engine.advanceClock(Duration.ofSeconds(7201));
        assertThat(error(clear(mini, MINI))).isEqualTo(ErrorCode.ACCESS_TOKEN_EXPIRED);
        assertThat(engine.app(MINI).classicCallsToday()).isEqualTo(1);
    }

    @Test
    void stableTokenAnswers45011PastItsMinuteLimitAndAgainNextMinute() {
        SandboxEngine limited = new SandboxEngine(
                SandboxFixtures.apps(), Clock.fixed(Instant.parse("2025-03-01T04:00:00Z"), ZoneOffset.UTC), 3);
        for (int i = 0; i < 3; i++) {
            ok(stable(limited, MINI, MINI_SECRET, false));
        }

        assertThat(error(stable(limited, MINI, MINI_SECRET, false))).isEqualTo(ErrorCode.MINUTE_QUOTA);
        assertThat(ErrorCode.MINUTE_QUOTA.errcode()).isEqualTo(45011);
        assertThat(limited.app(MINI).stableCallsToday()).isEqualTo(3);
        ok(stable(limited, OFFICIAL, OFFICIAL_SECRET, false)); // per app

        limited.advanceClock(Duration.ofMinutes(1));
        ok(stable(limited, MINI, MINI_SECRET, false));
    }

    @Test
    void wechatsMinuteLimitOfStableTokenIsTenThousand() {
        for (int i = 0; i < 10_000; i++) {
            ok(stable(engine, MINI, MINI_SECRET, false));
        }

        assertThat(error(stable(engine, MINI, MINI_SECRET, false))).isEqualTo(ErrorCode.MINUTE_QUOTA);
    }

    @Test
    void tokensAre512CharactersAsWechatTellsClientsToReserve() {
        String classicToken = classic(engine, MINI, MINI_SECRET).accessToken();
        String stableToken = ok(stable(engine, MINI, MINI_SECRET, false)).accessToken();

        assertThat(classicToken).hasSize(512).startsWith("86_").matches("[A-Za-z0-9_-]+");
        assertThat(stableToken).hasSize(512);
    }
}
