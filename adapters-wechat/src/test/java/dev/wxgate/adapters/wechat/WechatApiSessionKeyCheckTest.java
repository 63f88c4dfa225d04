package dev.wxgate.adapters.wechat;

import static dev.wxgate.adapters.wechat.Fixtures.OPEN_ID;
import static dev.wxgate.adapters.wechat.Fixtures.SESSION_KEY_SIGNATURE;
import static dev.wxgate.adapters.wechat.Fixtures.TOKEN_VALUE;
import static dev.wxgate.adapters.wechat.Fixtures.app;
import static dev.wxgate.adapters.wechat.Fixtures.openId;
import static dev.wxgate.adapters.wechat.Fixtures.sessionKey;
import static dev.wxgate.adapters.wechat.Fixtures.token;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import dev.wxgate.domain.session.SessionKey;
import dev.wxgate.domain.wechat.WechatException;
import dev.wxgate.domain.wechat.WechatFailure;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WechatApiSessionKeyCheckTest extends StubbedWechatTest {
    private static final String CHECK = "/wxa/checksession";
    private static final String RESET = "/wxa/resetusersessionkey";
    private static final String NEW_KEY = "HyVFkGl5F5OQWJZZaNzBBg==";

    private WechatApiSessionKeyCheck check;

    @BeforeEach
    void createAdapter() {
        check = new WechatApiSessionKeyCheck(http);
    }

    @Test
    void sendsTheTokenOpenidAndHmacOfTheKeyText() {
        wechat.onJson(CHECK, "{\"errcode\":0,\"errmsg\":\"ok\"}");

        assertThat(check.isValid(app(), token(), openId(), sessionKey())).isTrue();

        StubWechat.Seen call = wechat.calls(CHECK).getFirst();
        assertThat(call.method()).isEqualTo("GET");
        assertThat(call.query())
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        "access_token", TOKEN_VALUE,
                        "openid", OPEN_ID,
                        "signature", SESSION_KEY_SIGNATURE,
                        "sig_method", "hmac_sha256"));
    }

    @Test
    void aKeyWechatNoLongerHoldsIsNotValid() {
        wechat.onJson(CHECK, "{\"errcode\":87009,\"errmsg\":\"invalid signature rid: 1-2-3\"}");

        assertThat(check.isValid(app(), token(), openId(), sessionKey())).isFalse();
    }

    @Test
    void aTokenProblemIsAFailureNotAnAnswer() {
        wechat.onJson(CHECK, "{\"errcode\":40001,\"errmsg\":\"invalid credential, access_token is invalid\"}");

        assertThatExceptionOfType(WechatException.class)
                .isThrownBy(() -> check.isValid(app(), token(), openId(), sessionKey()))
                .extracting(WechatException::failure)
                .isEqualTo(WechatFailure.INVALID_TOKEN);
    }

    @Test
    void anExpiredTokenIsTyped() {
        wechat.onJson(CHECK, "{\"errcode\":42001,\"errmsg\":\"access_token expired\"}");

        assertThatExceptionOfType(WechatException.class)
                .isThrownBy(() -> check.isValid(app(), token(), openId(), sessionKey()))
                .extracting(WechatException::failure)
                .isEqualTo(WechatFailure.EXPIRED_TOKEN);
    }

    @Test
    void resetReturnsTheNewKey() {
        wechat.onJson(
                RESET,
                "{\"errcode\":0,\"errmsg\":\"ok\",\"openid\":\"" + OPEN_ID + "\",\"session_key\":\"" + NEW_KEY + "\"}");

        SessionKey renewed = check.reset(app(), token(), openId(), sessionKey());

        assertThat(renewed).isEqualTo(SessionKey.of(NEW_KEY));
        assertThat(wechat.calls(RESET).getFirst().query())
                .containsEntry("signature", SESSION_KEY_SIGNATURE)
                .containsEntry("sig_method", "hmac_sha256");
    }

    @Test
    void resetWithAStaleKeyIsAnInvalidSignature() {
        wechat.onJson(RESET, "{\"errcode\":87009,\"errmsg\":\"invalid signature\"}");

        assertThatExceptionOfType(WechatException.class)
                .isThrownBy(() -> check.reset(app(), token(), openId(), sessionKey()))
                .satisfies(e -> {
                    assertThat(e.failure()).isEqualTo(WechatFailure.INVALID_SIGNATURE);
                    assertThat(e.errcode()).hasValue(87009);
                });
    }

    @Test
    void anUnsupportedSignatureMethodIsAnInvalidSignatureOnBothCalls() {
        wechat.onJson(CHECK, "{\"errcode\":87008,\"errmsg\":\"invalid sig_method\"}");
        wechat.onJson(RESET, "{\"errcode\":87008,\"errmsg\":\"invalid sig_method\"}");

        assertThatExceptionOfType(WechatException.class)
                .isThrownBy(() -> check.isValid(app(), token(), openId(), sessionKey()))
                .extracting(WechatException::failure)
                .isEqualTo(WechatFailure.INVALID_SIGNATURE);
        assertThatExceptionOfType(WechatException.class)
                .isThrownBy(() -> check.reset(app(), token(), openId(), sessionKey()))
                .extracting(WechatException::failure)
                .isEqualTo(WechatFailure.INVALID_SIGNATURE);
    }

    @Test
    void aNewKeyForAnotherUserIsRefused() {
        wechat.onJson(
                RESET,
                "{\"errcode\":0,\"openid\":\"oSomeoneElse_000000000000000\",\"session_key\":\"" + NEW_KEY + "\"}");

        assertThatExceptionOfType(WechatException.class)
                .isThrownBy(() -> check.reset(app(), token(), openId(), sessionKey()))
                .extracting(WechatException::failure)
                .isEqualTo(WechatFailure.UPSTREAM_UNAVAILABLE);
    }

    @Test
    void aResetIsNotRepeatedOnceItMayHaveReachedWechat() {
        wechat.on(RESET, StubWechat.json("{\"errcode\":0,\"openid\":\"" + OPEN_ID + "\",\"session_key\":"));

        assertThatExceptionOfType(WechatException.class)
                .isThrownBy(() -> check.reset(app(), token(), openId(), sessionKey()))
                .extracting(WechatException::failure)
                .isEqualTo(WechatFailure.UPSTREAM_UNAVAILABLE);
        assertThat(wechat.calls(RESET)).hasSize(1);
    }
}
