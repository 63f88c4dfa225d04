package dev.wxgate.adapters.wechat.contract;

import static dev.wxgate.adapters.wechat.contract.ContractApps.MINI;
import static dev.wxgate.adapters.wechat.contract.ContractApps.MINI_SECRET;
import static dev.wxgate.adapters.wechat.contract.ContractApps.TOKEN_EXPIRES_IN;
import static dev.wxgate.adapters.wechat.contract.ContractApps.UNKNOWN;
import static dev.wxgate.adapters.wechat.contract.ContractApps.mini;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wxgate.domain.app.AppType;
import dev.wxgate.domain.app.TokenMode;
import dev.wxgate.domain.app.WechatApp;
import dev.wxgate.domain.token.AccessToken;
import dev.wxgate.domain.wechat.CodeSession;
import dev.wxgate.domain.wechat.WechatFailure;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Contract: access tokens from the sandbox's {@code /cgi-bin/token} and {@code /cgi-bin/stable_token} as
 * {@link dev.wxgate.adapters.wechat.WechatApiTokenSource} reads them, and how the endpoints that take a token (here
 * checksession and getuserphonenumber) refuse one that is replaced or expired.
 */
class TokenContractTest extends SandboxContractTest {
    private static final String CLASSIC_PATH = "/cgi-bin/token";
    private static final String STABLE_PATH = "/cgi-bin/stable_token";

    private final WechatApp classic = mini(TokenMode.CLASSIC);
    private final WechatApp stable = mini(TokenMode.STABLE);

    /** A user with a live session_key, so a checksession call tells whether a token works. */
    private CodeSession alice;

    @BeforeEach
    void logInAUser() {
        alice = logIn(stable, "alice");
    }

    private boolean works(AccessToken token) {
        return isValid(stable, token, alice);
    }

    @Nested
    class Classic {

        @Test
        void everyCallIssuesANewTokenWithTheConfiguredLife() {
            AccessToken first = tokens().fetch(classic, false);
            AccessToken second = tokens().fetch(classic, false);

            assertThat(second.value()).isNotEqualTo(first.value());
            assertThat(expiresIn(first)).isEqualTo(TOKEN_EXPIRES_IN);
            assertThat(expiresIn(second)).isEqualTo(TOKEN_EXPIRES_IN);
            assertThat(sandbox.calls(MINI, CLASSIC_PATH)).isEqualTo(2);
            assertThat(sandbox.calls(MINI, STABLE_PATH)).isZero();
        }

        @Test
        void forceRefreshChangesNothingInClassicMode() {
            tokens().fetch(classic, true);

            assertThat(sandbox.calls(MINI, CLASSIC_PATH)).isEqualTo(1);
            assertThat(sandbox.calls(MINI, STABLE_PATH)).isZero();
        }

        @Test
        void theReplacedTokenWorksForFiveMinutesThenIsInvalid() {
            AccessToken previous = tokens().fetch(classic, false);
            AccessToken current = tokens().fetch(classic, false);

            assertThat(works(previous)).isTrue();
            sandbox.advanceClock(Duration.ofMinutes(4));
            assertThat(works(previous)).isTrue();

            sandbox.advanceClock(Duration.ofSeconds(61));
            assertFails(() -> works(previous), WechatFailure.INVALID_TOKEN, 40001);
            assertThat(works(current)).isTrue();
        }

        @Test
        void aTokenTwoGenerationsOldFailsAtOnce() {
            AccessToken oldest = tokens().fetch(classic, false);
            AccessToken previous = tokens().fetch(classic, false);
            tokens().fetch(classic, false);

            assertFails(() -> works(oldest), WechatFailure.INVALID_TOKEN, 40001);
            assertThat(works(previous)).isTrue();
        }

        @Test
        void aTokenPastItsExpiresInIsExpired() {
            sandbox.changeApp(MINI, "tokenExpiresIn", 120);
            AccessToken token = tokens().fetch(classic, false);
            assertThat(expiresIn(token)).isEqualTo(120);

            sandbox.advanceClock(Duration.ofSeconds(121));
            String phoneCode = sandbox.phoneCode(MINI, "alice");

            assertFails(() -> phoneNumber(classic, token, phoneCode), WechatFailure.EXPIRED_TOKEN, 42001);
            assertFails(() -> works(token), WechatFailure.EXPIRED_TOKEN, 42001);
        }

        @Test
        void theDailyQuotaEndsInQuotaExhaustedUntilTheNextDay() {
            sandbox.advanceToNextWechatDay();
            sandbox.changeApp(MINI, "dailyQuota", 3);
            for (int i = 0; i < 3; i++) {
                tokens().fetch(classic, false);
            }

            assertFails(() -> tokens().fetch(classic, false), WechatFailure.QUOTA_EXHAUSTED, 45009);
            assertThat(sandbox.calls(MINI, CLASSIC_PATH)).isEqualTo(4);

            sandbox.advanceToNextWechatDay();
            assertThat(tokens().fetch(classic, false).value()).isNotBlank();
        }

        @Test
        void aRefusedQuotaCallLeavesTheCurrentTokenWorking() {
            sandbox.advanceToNextWechatDay();
            sandbox.changeApp(MINI, "dailyQuota", 1);
            AccessToken current = tokens().fetch(classic, false);

            assertFails(() -> tokens().fetch(classic, false), WechatFailure.QUOTA_EXHAUSTED, 45009);

            sandbox.advanceClock(Duration.ofMinutes(10));
            assertThat(works(current)).isTrue();
        }
    }

    @Nested
    class Stable {

        @Test
        void theSameTokenIsAnsweredWithTheSecondsItHasLeft() {
            AccessToken first = tokens().fetch(stable, false);
            sandbox.advanceClock(Duration.ofSeconds(100));
            AccessToken second = tokens().fetch(stable, false);

            assertThat(second.value()).isEqualTo(first.value());
            assertThat(expiresIn(first)).isEqualTo(TOKEN_EXPIRES_IN);
            // 100 s of sandbox time plus the few real milliseconds between the calls, rounded down.
            assertThat(expiresIn(second)).isBetween(TOKEN_EXPIRES_IN - 110, TOKEN_EXPIRES_IN - 100);
            assertThat(sandbox.calls(MINI, STABLE_PATH)).isEqualTo(2);
            assertThat(sandbox.calls(MINI, CLASSIC_PATH)).isZero();
        }

        @Test
        void theTokenIsRenewedFiveMinutesBeforeExpiryAndTheOldOneLivesOutItsTerm() {
            AccessToken first = tokens().fetch(stable, false);
            sandbox.advanceClock(Duration.ofSeconds(TOKEN_EXPIRES_IN - 300 + 10));
            AccessToken renewed = tokens().fetch(stable, false);

            assertThat(renewed.value()).isNotEqualTo(first.value());
            assertThat(expiresIn(renewed)).isEqualTo(TOKEN_EXPIRES_IN);
            assertThat(works(first)).isTrue();

            sandbox.advanceClock(Duration.ofSeconds(300));
            assertFails(() -> works(first), WechatFailure.EXPIRED_TOKEN, 42001);
            assertThat(works(renewed)).isTrue();
        }

        @Test
        void aForcedRefreshRotatesTheTokenAndKillsTheOldOne() {
            AccessToken old = tokens().fetch(stable, false);
            AccessToken fresh = tokens().fetch(stable, true);

            assertThat(fresh.value()).isNotEqualTo(old.value());
            assertFails(() -> works(old), WechatFailure.INVALID_TOKEN, 40001);
            assertThat(works(fresh)).isTrue();
            assertThat(tokens().fetch(stable, false).value()).isEqualTo(fresh.value());
        }

        @Test
        void aForcedRefreshWithin30SecondsOfTheLastAnswersTheCurrentToken() {
            AccessToken forced = tokens().fetch(stable, true);
            AccessToken tooSoon = tokens().fetch(stable, true);

            assertThat(tooSoon.value()).isEqualTo(forced.value());
            assertThat(works(forced)).isTrue();

            sandbox.advanceClock(Duration.ofSeconds(25));
            assertThat(tokens().fetch(stable, true).value()).isEqualTo(forced.value());

            sandbox.advanceClock(Duration.ofSeconds(5));
            AccessToken spaced = tokens().fetch(stable, true);
            assertThat(spaced.value()).isNotEqualTo(forced.value());
            assertFails(() -> works(forced), WechatFailure.INVALID_TOKEN, 40001);
        }

        @Test
        void theTwentyFirstForcedRefreshOfADayIsQuotaExhausted() {
            sandbox.advanceToNextWechatDay();
            Set<String> issued = new HashSet<>();
            for (int i = 0; i < 20; i++) {
                issued.add(tokens().fetch(stable, true).value());
                sandbox.advanceClock(Duration.ofSeconds(30));
            }
            assertThat(issued).hasSize(20);

            assertFails(() -> tokens().fetch(stable, true), WechatFailure.QUOTA_EXHAUSTED, 45009);
            assertThat(tokens().fetch(stable, false).value()).isIn(issued);
        }

        @Test
        void theStableDailyQuotaEndsInQuotaExhausted() {
            sandbox.advanceToNextWechatDay();
            sandbox.changeApp(MINI, "stableDailyQuota", 2);
            tokens().fetch(stable, false);
            tokens().fetch(stable, false);

            assertFails(() -> tokens().fetch(stable, false), WechatFailure.QUOTA_EXHAUSTED, 45009);
        }
    }

    @Test
    void classicAndStableTokensDoNotInvalidateEachOther() {
        AccessToken stableToken = tokens().fetch(stable, false);
        for (int i = 0; i < 3; i++) {
            tokens().fetch(classic, false);
        }
        AccessToken classicToken = tokens().fetch(classic, false);

        assertThat(works(stableToken)).isTrue();
        assertThat(tokens().fetch(stable, false).value()).isEqualTo(stableToken.value());

        AccessToken forced = tokens().fetch(stable, true);
        assertThat(works(classicToken)).isTrue();
        assertThat(works(forced)).isTrue();
    }

    @ParameterizedTest
    @EnumSource(TokenMode.class)
    void aWrongSecretIsBadCredentials(TokenMode mode) {
        WechatApp wrongSecret = ContractApps.app(MINI, "0123456789abcdef0123456789abcdef", AppType.MINI_PROGRAM, mode);

        assertFails(() -> tokens().fetch(wrongSecret, false), WechatFailure.BAD_CREDENTIALS, 40125);
        assertThat(sandbox.calls(MINI, mode == TokenMode.CLASSIC ? CLASSIC_PATH : STABLE_PATH))
                .isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(TokenMode.class)
    void anUnknownAppIsBadCredentials(TokenMode mode) {
        WechatApp unknown = ContractApps.app(UNKNOWN, MINI_SECRET, AppType.MINI_PROGRAM, mode);

        assertFails(() -> tokens().fetch(unknown, false), WechatFailure.BAD_CREDENTIALS, 40013);
        assertThat(sandbox.calls("unknown", mode == TokenMode.CLASSIC ? CLASSIC_PATH : STABLE_PATH))
                .isEqualTo(1);
    }
}
