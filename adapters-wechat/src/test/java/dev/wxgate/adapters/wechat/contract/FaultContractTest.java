package dev.wxgate.adapters.wechat.contract;

import static dev.wxgate.adapters.wechat.contract.ContractApps.MINI;
import static dev.wxgate.adapters.wechat.contract.ContractApps.mini;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wxgate.adapters.wechat.WechatApiLogin;
import dev.wxgate.adapters.wechat.WechatApiTokenSource;
import dev.wxgate.adapters.wechat.WechatHttp;
import dev.wxgate.domain.app.TokenMode;
import dev.wxgate.domain.token.AccessToken;
import dev.wxgate.domain.wechat.CodeSession;
import dev.wxgate.domain.wechat.LoginCode;
import dev.wxgate.domain.wechat.WechatException;
import dev.wxgate.domain.wechat.WechatFailure;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Contract: the adapters under the sandbox's injected faults ("system busy", latency, outage), counted by the
 * sandbox's own statistics. Answers that are not WeChat's protocol at all (HTML, truncated or non-JSON bodies) are
 * beyond what the sandbox sends; {@code WechatHttpTest.anAnswerThatIsNotWechatsProtocolIsUpstreamUnavailableAndNotRetried}
 * covers them against a stub.
 */
class FaultContractTest extends SandboxContractTest {
    private static final String TOKEN = "/cgi-bin/token";
    private static final String STABLE_TOKEN = "/cgi-bin/stable_token";
    private static final String LOGIN = "/sns/jscode2session";
    private static final String CHECK_SESSION = "/wxa/checksession";
    private static final String RESET_SESSION_KEY = "/wxa/resetusersessionkey";
    private static final String PHONE_NUMBER = "/wxa/business/getuserphonenumber";

    private AccessToken token;
    private CodeSession alice;

    @BeforeEach
    void prepareCallsOfEveryEndpoint() {
        token = token(mini());
        alice = logIn(mini(), "alice");
    }

    /** One call of the adapter that uses {@code endpoint}, prepared before any fault is injected. */
    private ThrowingCallable callOf(String endpoint) {
        return switch (endpoint) {
            case TOKEN -> () -> tokens().fetch(mini(TokenMode.CLASSIC), false);
            case STABLE_TOKEN -> () -> tokens().fetch(mini(TokenMode.STABLE), true);
            case LOGIN -> {
                LoginCode code = new LoginCode(sandbox.loginCode(MINI, "bob"));
                yield () -> login().exchange(mini(), code);
            }
            case CHECK_SESSION -> () -> isValid(mini(), token, alice);
            case RESET_SESSION_KEY -> () -> sessionKeys().reset(mini(), token, alice.openId(), alice.sessionKey());
            case PHONE_NUMBER -> {
                String code = sandbox.phoneCode(MINI, "alice", "13800138000");
                yield () -> phoneNumber(mini(), token, code);
            }
            default -> throw new IllegalArgumentException(endpoint);
        };
    }

    @ParameterizedTest
    @ValueSource(strings = {TOKEN, STABLE_TOKEN, LOGIN, CHECK_SESSION, RESET_SESSION_KEY, PHONE_NUMBER})
    void busyIsRetriedThenReportedAsUpstreamBusy(String endpoint) {
        ThrowingCallable call = callOf(endpoint);
        long before = sandbox.calls(MINI, endpoint);
        sandbox.fault(endpoint, 0, 1.0, false);

        WechatException busy = assertFails(call, WechatFailure.UPSTREAM_BUSY, -1);

        assertThat(sandbox.calls(MINI, endpoint) - before).isEqualTo(MAX_RETRIES + 1);
        assertThat(busy.getMessage()).contains(endpoint).contains("gave up after " + (MAX_RETRIES + 1) + " attempts");
    }

    @Test
    void busyTouchesNoStateSoTheSameCodeWorksOnceWechatRecovers() {
        LoginCode code = new LoginCode(sandbox.loginCode(MINI, "bob"));
        sandbox.fault(LOGIN, 0, 1.0, false);
        assertFails(() -> login().exchange(mini(), code), WechatFailure.UPSTREAM_BUSY, -1);

        sandbox.clearFaults();

        assertThat(login().exchange(mini(), code).openId().value()).isEqualTo("bob");
    }

    @Test
    void withoutRetriesBusyIsReportedAfterOneCall() {
        sandbox.fault(TOKEN, 0, 1.0, false);
        try (WechatHttp noRetries = new WechatHttp(settings().withRetries(0, Duration.ZERO))) {
            WechatApiTokenSource tokens = new WechatApiTokenSource(noRetries, Clock.systemUTC());
            assertFails(() -> tokens.fetch(mini(TokenMode.CLASSIC), false), WechatFailure.UPSTREAM_BUSY, -1);
        }

        assertThat(sandbox.calls(MINI, TOKEN)).isEqualTo(1);
    }

    @Test
    void aFaultOnOneEndpointLeavesTheOthersAlone() {
        sandbox.fault(TOKEN, 0, 1.0, false);

        assertThat(tokens().fetch(mini(TokenMode.STABLE), false).value()).isEqualTo(token.value());
        assertThat(isValid(mini(), token, alice)).isTrue();
    }

    @Test
    void latencyWithinTheReadTimeoutIsOnlySlow() {
        sandbox.fault(LOGIN, 50, 0, false);

        assertThat(logIn(mini(), "bob").openId().value()).isEqualTo("bob");
    }

    /** The request may have reached WeChat (a login code may be spent), so it is not retried. */
    @Test
    void latencyBeyondTheReadTimeoutIsUpstreamUnavailableAndNotRetried() {
        LoginCode code = new LoginCode(sandbox.loginCode(MINI, "bob"));
        long before = sandbox.calls(MINI, LOGIN);
        sandbox.fault(LOGIN, 1_000, 0, false);

        try (WechatHttp impatient =
                new WechatHttp(settings().withTimeouts(Duration.ofSeconds(2), Duration.ofMillis(200)))) {
            WechatException timedOut = assertFailsWithoutErrcode(
                    () -> new WechatApiLogin(impatient).exchange(mini(), code), WechatFailure.UPSTREAM_UNAVAILABLE);
            assertThat(timedOut.getMessage()).contains(LOGIN);
        }

        assertThat(sandbox.calls(MINI, LOGIN) - before).isEqualTo(1);
    }

    /** An outage answers HTTP 503 without a body: the request reached WeChat, so it is not retried either. */
    @ParameterizedTest
    @ValueSource(strings = {TOKEN, STABLE_TOKEN, LOGIN, CHECK_SESSION, RESET_SESSION_KEY, PHONE_NUMBER})
    void anOutageIsUpstreamUnavailableAndNotRetried(String endpoint) {
        ThrowingCallable call = callOf(endpoint);
        long before = sandbox.calls(MINI, endpoint);
        sandbox.fault(endpoint, 0, 0, true);

        WechatException down = assertFailsWithoutErrcode(call, WechatFailure.UPSTREAM_UNAVAILABLE);

        assertThat(sandbox.calls(MINI, endpoint) - before).isEqualTo(1);
        assertThat(down.getMessage()).contains(endpoint).contains("HTTP 503");
    }

    /** A base URL that points at the sandbox but not at WeChat's paths gets HTTP 404: unavailable, not a parse error. */
    @Test
    void aBaseUrlThatMissesWechatsPathsIsUpstreamUnavailable() {
        URI wrongPath = URI.create(sandbox.baseUrl() + "/not-wechat");
        try (WechatHttp misconfigured = new WechatHttp(settings().withBaseUrl(wrongPath))) {
            WechatException missed = assertFailsWithoutErrcode(
                    () -> new WechatApiLogin(misconfigured).exchange(mini(), new LoginCode("anything")),
                    WechatFailure.UPSTREAM_UNAVAILABLE);
            assertThat(missed.getMessage()).contains("HTTP 404");
        }
    }
}
