package dev.wxgate.adapters.wechat;

import dev.wxgate.domain.app.WechatApp;
import dev.wxgate.domain.session.SessionKey;
import dev.wxgate.domain.token.AccessToken;
import dev.wxgate.domain.user.OpenId;
import dev.wxgate.domain.wechat.SessionKeyCheck;
import dev.wxgate.domain.wechat.WechatException;
import java.util.Objects;
import tools.jackson.databind.JsonNode;

/**
 * Adapter: session_key checks and resets through WeChat's {@code /wxa/checksession} and
 * {@code /wxa/resetusersessionkey}.
 */
public final class WechatApiSessionKeyCheck implements SessionKeyCheck {
    static final Endpoint CHECK = Endpoint.withAccessToken("/wxa/checksession");
    static final Endpoint RESET = Endpoint.withAccessToken("/wxa/resetusersessionkey");

    private final WechatHttp http;

    public WechatApiSessionKeyCheck(WechatHttp http) {
        this.http = Objects.requireNonNull(http, "http");
    }

    @Override
    public boolean isValid(WechatApp app, AccessToken token, OpenId openId, SessionKey sessionKey) {
        try {
            http.call(signed(CHECK, token, openId, sessionKey), JsonNode.class);
            return true;
        } catch (WechatException e) {
            // 87009 is WeChat's "no" to this question, not a failure to answer it.
            if (e.errcode().isPresent() && e.errcode().getAsInt() == WechatErrors.INVALID_SIGNATURE_ERRCODE) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public SessionKey reset(WechatApp app, AccessToken token, OpenId openId, SessionKey sessionKey) {
        Wire.SessionKeyAnswer answer = http.call(signed(RESET, token, openId, sessionKey), Wire.SessionKeyAnswer.class);
        return WireMapper.resetSessionKey(RESET, answer, openId);
    }

    private static WechatRequest signed(Endpoint endpoint, AccessToken token, OpenId openId, SessionKey sessionKey) {
        // The signature is a fixed function of the key, so it proves the key as well as the key itself: secret too.
        return WechatRequest.get(endpoint)
                .secretParam("access_token", token.value())
                .param("openid", openId.value())
                .secretParam("signature", SessionKeySignature.of(sessionKey))
                .param("sig_method", SessionKeySignature.SIG_METHOD)
                .secret(sessionKey.reveal());
    }
}
