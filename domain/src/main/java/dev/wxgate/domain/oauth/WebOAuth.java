package dev.wxgate.domain.oauth;

import dev.wxgate.domain.app.WechatApp;

/**
 * Secondary port: WeChat's side of an official account's web login ({@code /sns/oauth2/access_token},
 * {@code /sns/userinfo}), with the app's appid and secret, never its access_token.
 */
public interface WebOAuth {

    /**
     * Exchanges the code WeChat handed the callback for who the user is. A code works once, within five minutes.
     *
     * @throws dev.wxgate.domain.wechat.WechatException with {@code INVALID_CODE} (40029), {@code CODE_USED} (40163),
     *     or a failure of credentials or transport
     */
    WebGrant exchange(WechatApp app, WebCode code);

    /**
     * The user's nickname and avatar, readable with a grant of scope {@code snsapi_userinfo}.
     *
     * @throws dev.wxgate.domain.wechat.WechatException when WeChat refuses (48001 for a grant without the scope) or
     *     cannot be reached
     */
    WebUserInfo userInfo(WebGrant grant);
}
