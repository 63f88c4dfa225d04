package dev.wxgate.adapters.wechat.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.wxgate.adapters.wechat.WechatApiLogin;
import dev.wxgate.adapters.wechat.WechatApiPhoneNumbers;
import dev.wxgate.adapters.wechat.WechatApiSessionKeyCheck;
import dev.wxgate.adapters.wechat.WechatApiTokenSource;
import dev.wxgate.adapters.wechat.WechatClientSettings;
import dev.wxgate.adapters.wechat.WechatHttp;
import dev.wxgate.domain.app.WechatApp;
import dev.wxgate.domain.session.SessionKey;
import dev.wxgate.domain.token.AccessToken;
import dev.wxgate.domain.user.OpenId;
import dev.wxgate.domain.wechat.CodeSession;
import dev.wxgate.domain.wechat.LoginCode;
import dev.wxgate.domain.wechat.PhoneCode;
import dev.wxgate.domain.wechat.PhoneNumber;
import dev.wxgate.domain.wechat.WechatException;
import dev.wxgate.domain.wechat.WechatFailure;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Base of the contract tests: wxgate's WeChat adapters against the running sandbox (one per JVM, reset before each
 * test), through a fresh {@link WechatHttp} pointed at it.
 *
 * <p>The adapters read time from a fixed clock, so an {@link AccessToken}'s {@code expiresAt - fetchedAt} is exactly
 * the {@code expires_in} the sandbox answered. The sandbox keeps its own clock, moved only through its control API:
 * no test sleeps.
 */
abstract class SandboxContractTest {
    static final RunningSandbox sandbox = RunningSandbox.shared();

    /** Retries the adapters make after "system busy"; the pause between them is zero so no test waits. */
    static final int MAX_RETRIES = 2;

    static final Instant ADAPTER_NOW = Instant.parse("2026-11-24T12:00:00Z");

    WechatHttp http;

    @BeforeEach
    void resetSandbox() {
        sandbox.reset();
        http = new WechatHttp(settings());
    }

    @AfterEach
    void closeClient() {
        http.close();
    }

    WechatClientSettings settings() {
        return WechatClientSettings.defaults().withBaseUrl(sandbox.baseUrl()).withRetries(MAX_RETRIES, Duration.ZERO);
    }

    WechatApiTokenSource tokens() {
        return new WechatApiTokenSource(http, Clock.fixed(ADAPTER_NOW, ZoneOffset.UTC));
    }

    WechatApiLogin login() {
        return new WechatApiLogin(http);
    }

    WechatApiSessionKeyCheck sessionKeys() {
        return new WechatApiSessionKeyCheck(http);
    }

    WechatApiPhoneNumbers phoneNumbers() {
        return new WechatApiPhoneNumbers(http);
    }

    // ---------------------------------------------------------------- flows

    AccessToken token(WechatApp app) {
        return tokens().fetch(app, false);
    }

    /** The seconds of life the sandbox gave {@code token} ({@code expires_in}), as the adapter recorded them. */
    static long expiresIn(AccessToken token) {
        return Duration.between(token.fetchedAt(), token.expiresAt()).toSeconds();
    }

    /** {@code openid} logs in to {@code app} as {@code wx.login} + jscode2session would have it. */
    CodeSession logIn(WechatApp app, String openid) {
        return login().exchange(app, new LoginCode(sandbox.loginCode(app.appId().value(), openid)));
    }

    boolean isValid(WechatApp app, AccessToken token, CodeSession session) {
        return sessionKeys().isValid(app, token, session.openId(), session.sessionKey());
    }

    boolean isValid(WechatApp app, AccessToken token, OpenId openId, SessionKey sessionKey) {
        return sessionKeys().isValid(app, token, openId, sessionKey);
    }

    PhoneNumber phoneNumber(WechatApp app, AccessToken token, String phoneCode) {
        return phoneNumbers().exchange(app, token, new PhoneCode(phoneCode));
    }

    // ---------------------------------------------------------------- assertions

    /** The {@link WechatException} {@code call} throws; fails the test when it throws nothing or something else. */
    static WechatException failureOf(ThrowingCallable call) {
        Throwable thrown = catchThrowable(call);
        assertThat(thrown).as("the call's failure").isInstanceOf(WechatException.class);
        return (WechatException) thrown;
    }

    /** Asserts that {@code call} fails as {@code failure} because WeChat (the sandbox) answered {@code errcode}. */
    static WechatException assertFails(ThrowingCallable call, WechatFailure failure, int errcode) {
        WechatException thrown = failureOf(call);
        assertThat(thrown.failure()).as("failure of: %s", thrown.getMessage()).isEqualTo(failure);
        assertThat(thrown.errcode()).as("errcode of: %s", thrown.getMessage()).hasValue(errcode);
        return thrown;
    }

    /** Asserts that {@code call} fails as {@code failure} with no errcode: WeChat gave no answer of its protocol. */
    static WechatException assertFailsWithoutErrcode(ThrowingCallable call, WechatFailure failure) {
        WechatException thrown = failureOf(call);
        assertThat(thrown.failure()).as("failure of: %s", thrown.getMessage()).isEqualTo(failure);
        assertThat(thrown.errcode()).as("errcode of: %s", thrown.getMessage()).isEmpty();
        return thrown;
    }
}
