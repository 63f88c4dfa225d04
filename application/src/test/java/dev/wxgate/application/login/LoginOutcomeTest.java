package dev.wxgate.application.login;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wxgate.application.RateLimitedException;
import dev.wxgate.application.UnknownAppException;
import dev.wxgate.domain.StoreUnavailableException;
import dev.wxgate.domain.app.AppId;
import dev.wxgate.domain.wechat.WechatException;
import dev.wxgate.domain.wechat.WechatFailure;
import java.time.Duration;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** A login's failure becomes one of a few outcomes, tags an operator can chart and alert on. */
class LoginOutcomeTest {

    private static LoginOutcome wechat(WechatFailure failure) {
        return LoginOutcome.of(new WechatException(failure, OptionalInt.empty(), "test"));
    }

    @Test
    void wechatFailuresMapToWhatTheOperatorActsOn() {
        assertThat(wechat(WechatFailure.INVALID_CODE).tag()).isEqualTo("invalid_code");
        assertThat(wechat(WechatFailure.CODE_USED)).isEqualTo(LoginOutcome.CODE_USED);
        assertThat(wechat(WechatFailure.RATE_LIMITED)).isEqualTo(LoginOutcome.WECHAT_RATE_LIMITED);
        assertThat(wechat(WechatFailure.IP_NOT_WHITELISTED)).isEqualTo(LoginOutcome.BAD_CREDENTIALS);
        assertThat(wechat(WechatFailure.UPSTREAM_BUSY).tag()).isEqualTo("wechat_unavailable");
        assertThat(wechat(WechatFailure.UPSTREAM_UNAVAILABLE).tag()).isEqualTo("wechat_unavailable");
        assertThat(wechat(WechatFailure.REJECTED)).isEqualTo(LoginOutcome.WECHAT_REJECTED);
    }

    @Test
    void wxgatesOwnRefusalsAndOutagesHaveTheirOwnOutcomes() {
        assertThat(LoginOutcome.of(new RateLimitedException(Duration.ofSeconds(1)))
                        .tag())
                .isEqualTo("rate_limited");
        assertThat(LoginOutcome.of(new UnknownAppException(AppId.of("wx0000000000000009"))))
                .isEqualTo(LoginOutcome.UNKNOWN_APP);
        assertThat(LoginOutcome.of(new LoginAppException("not a mini-program"))).isEqualTo(LoginOutcome.WRONG_APP);
        assertThat(LoginOutcome.of(new StoreUnavailableException("down", null)))
                .isEqualTo(LoginOutcome.STORE_UNAVAILABLE);
        assertThat(LoginOutcome.of(new IllegalStateException("bug"))).isEqualTo(LoginOutcome.ERROR);
    }
}
