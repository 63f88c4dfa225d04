package dev.wxgate.adapters.wechat.contract;

import static dev.wxgate.adapters.wechat.contract.ContractApps.MINI;
import static dev.wxgate.adapters.wechat.contract.ContractApps.MINI_SECRET;
import static dev.wxgate.adapters.wechat.contract.ContractApps.SOLO;
import static dev.wxgate.adapters.wechat.contract.ContractApps.TWIN;
import static dev.wxgate.adapters.wechat.contract.ContractApps.UNKNOWN;
import static dev.wxgate.adapters.wechat.contract.ContractApps.mini;
import static dev.wxgate.adapters.wechat.contract.ContractApps.solo;
import static dev.wxgate.adapters.wechat.contract.ContractApps.twin;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wxgate.domain.app.AppType;
import dev.wxgate.domain.app.TokenMode;
import dev.wxgate.domain.app.WechatApp;
import dev.wxgate.domain.user.OpenId;
import dev.wxgate.domain.user.UnionId;
import dev.wxgate.domain.wechat.CodeSession;
import dev.wxgate.domain.wechat.LoginCode;
import dev.wxgate.domain.wechat.WechatFailure;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Contract: mini-program login through the sandbox's {@code /sns/jscode2session} and {@link dev.wxgate.adapters.wechat.WechatApiLogin}. */
class LoginContractTest extends SandboxContractTest {
    private static final String LOGIN_PATH = "/sns/jscode2session";
    /** How many jscode2session calls WeChat admits per user and minute. */
    private static final int LOGINS_PER_MINUTE = 100;

    private CodeSession exchange(WechatApp app, String code) {
        return login().exchange(app, new LoginCode(code));
    }

    @Test
    void aLoginCodeIsExchangedForTheUsersOpenidSessionKeyAndUnionid() {
        String code = sandbox.loginCode(MINI, "alice");

        CodeSession session = exchange(mini(), code);

        assertThat(session.openId()).isEqualTo(new OpenId("alice"));
        assertThat(session.sessionKey().aesKey()).hasSize(16);
        assertThat(session.unionId()).isPresent();
    }

    @Test
    void appsOfOneOpenPlatformAccountAgreeOnTheUnionidAndOthersGetNone() {
        CodeSession inMini = exchange(mini(), sandbox.loginCode(MINI, "alice"));
        CodeSession inTwin = exchange(twin(), sandbox.loginCode(TWIN, "alice"));
        CodeSession bobInMini = exchange(mini(), sandbox.loginCode(MINI, "bob"));
        CodeSession inSolo = exchange(solo(), sandbox.loginCode(SOLO, "alice"));

        assertThat(inTwin.unionId()).isPresent().isEqualTo(inMini.unionId());
        assertThat(bobInMini.unionId()).isPresent().isNotEqualTo(inMini.unionId());
        assertThat(inSolo.unionId()).isEmpty();
    }

    @Test
    void aUnionidGivenThroughTheControlApiIsAnsweredAsGiven() {
        String code = sandbox.loginCode(MINI, "alice", "oUnion_alice-0001");

        assertThat(exchange(mini(), code).unionId()).contains(new UnionId("oUnion_alice-0001"));
    }

    @Test
    void everyLoginGivesAFreshSessionKey() {
        CodeSession first = logIn(mini(), "alice");
        CodeSession second = logIn(mini(), "alice");

        assertThat(second.sessionKey()).isNotEqualTo(first.sessionKey());
        assertThat(second.openId()).isEqualTo(first.openId());
    }

    @Test
    void aCodeWorksOnce() {
        String code = sandbox.loginCode(MINI, "alice");
        exchange(mini(), code);

        assertFails(() -> exchange(mini(), code), WechatFailure.CODE_USED, 40163);
    }

    @Test
    void aCodeLivesFiveMinutes() {
        String early = sandbox.loginCode(MINI, "alice");
        String late = sandbox.loginCode(MINI, "alice");

        sandbox.advanceClock(Duration.ofMinutes(4));
        assertThat(exchange(mini(), early).openId()).isEqualTo(new OpenId("alice"));

        sandbox.advanceClock(Duration.ofSeconds(61));
        assertFails(() -> exchange(mini(), late), WechatFailure.INVALID_CODE, 40029);
    }

    @Test
    void anUnknownCodeIsInvalid() {
        assertFails(() -> exchange(mini(), "0123456789abcdefABCDEF0123456789"), WechatFailure.INVALID_CODE, 40029);
    }

    @Test
    void aCodeOfAnotherAppIsInvalidThereAndStillWorksInItsOwn() {
        String code = sandbox.loginCode(TWIN, "alice");

        assertFails(() -> exchange(mini(), code), WechatFailure.INVALID_CODE, 40029);
        assertThat(exchange(twin(), code).openId()).isEqualTo(new OpenId("alice"));
    }

    @Test
    void aCallBeyond100PerUserAndMinuteIsRateLimitedUntilTheMinuteIsOver() {
        String used = sandbox.loginCode(MINI, "alice");
        exchange(mini(), used);
        for (int call = 2; call <= LOGINS_PER_MINUTE; call++) {
            assertFails(() -> exchange(mini(), used), WechatFailure.CODE_USED, 40163);
        }
        String fresh = sandbox.loginCode(MINI, "alice");

        assertFails(() -> exchange(mini(), fresh), WechatFailure.RATE_LIMITED, 45011);
        // Another user has a window of their own.
        assertThat(logIn(mini(), "bob").openId()).isEqualTo(new OpenId("bob"));

        sandbox.advanceClock(Duration.ofSeconds(60));
        // The refused call did not spend the code.
        assertThat(exchange(mini(), fresh).openId()).isEqualTo(new OpenId("alice"));
        assertThat(sandbox.calls(MINI, LOGIN_PATH)).isEqualTo(LOGINS_PER_MINUTE + 3);
    }

    @Test
    void aBlockedUserIsRefusedAndTheirCodeIsNotSpent() {
        String code = sandbox.loginCode(MINI, "mallory");
        sandbox.block(MINI, "mallory");

        assertFails(() -> exchange(mini(), code), WechatFailure.USER_BLOCKED, 40226);

        sandbox.unblock(MINI, "mallory");
        assertThat(exchange(mini(), code).openId()).isEqualTo(new OpenId("mallory"));
    }

    @Test
    void loginNeedsNoAccessToken() {
        logIn(mini(), "alice");

        assertThat(sandbox.stats(MINI)).containsExactly(Map.entry(LOGIN_PATH, 1L));
    }

    @Test
    void anOutageOfBothTokenEndpointsDoesNotBlockLogin() {
        sandbox.fault("/cgi-bin/token", 0, 0, true);
        sandbox.fault("/cgi-bin/stable_token", 0, 0, true);

        assertThat(logIn(mini(), "alice").openId()).isEqualTo(new OpenId("alice"));
        assertFailsWithoutErrcode(() -> token(mini()), WechatFailure.UPSTREAM_UNAVAILABLE);
    }

    /**
     * A code is passed on as WeChat's to judge, so characters that mean something in a URL must arrive as themselves.
     * Sent raw, {@code &appid=} and {@code &grant_type=} would add parameters (the sandbox would then see another app,
     * 40013, or a wrong grant_type, 40002), a space would make the URL invalid and {@code #} would cut it short; only
     * a code that arrives whole is judged on its merits: unknown, 40029.
     */
    @Test
    void aCodeWithCharactersReservedInUrlsReachesWechatIntact() {
        String weird = "a+b c&appid=" + UNKNOWN + "&grant_type=client_credential=x%41#frag/?登录";

        assertFails(() -> exchange(mini(), weird), WechatFailure.INVALID_CODE, 40029);
        assertThat(sandbox.calls(MINI, LOGIN_PATH)).isEqualTo(1);
        assertThat(sandbox.calls("unknown", LOGIN_PATH)).isZero();
    }

    @Test
    void aWrongSecretIsBadCredentials() {
        WechatApp wrongSecret =
                ContractApps.app(MINI, "0123456789abcdef0123456789abcdef", AppType.MINI_PROGRAM, TokenMode.STABLE);
        String code = sandbox.loginCode(MINI, "alice");

        assertFails(() -> exchange(wrongSecret, code), WechatFailure.BAD_CREDENTIALS, 40125);
        // Refused before the code was looked at: it still works with the right secret.
        assertThat(exchange(mini(), code).openId()).isEqualTo(new OpenId("alice"));
    }

    @Test
    void anUnknownAppIsBadCredentials() {
        WechatApp unknown = ContractApps.app(UNKNOWN, MINI_SECRET, AppType.MINI_PROGRAM, TokenMode.STABLE);

        assertFails(() -> exchange(unknown, sandbox.loginCode(MINI, "alice")), WechatFailure.BAD_CREDENTIALS, 40013);
    }
}
