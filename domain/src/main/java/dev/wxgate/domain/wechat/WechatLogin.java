package dev.wxgate.domain.wechat;

import dev.wxgate.domain.app.WechatApp;

/**
 * Secondary port: WeChat's mini-program login, turning a {@code wx.login} code into who the user is. It needs no
 * access_token, so an outage of the token server never blocks login.
 */
public interface WechatLogin {

    /**
     * Exchanges {@code code} for the user's identity and session_key. A code works once.
     *
     * @throws WechatException with {@link WechatFailure#INVALID_CODE}, {@link WechatFailure#CODE_USED},
     *     {@link WechatFailure#RATE_LIMITED}, {@link WechatFailure#USER_BLOCKED}, or a failure of credentials or
     *     transport
     */
    CodeSession exchange(WechatApp app, LoginCode code);
}
