package dev.wxgate.domain.wechat;

import dev.wxgate.domain.app.WechatApp;
import dev.wxgate.domain.session.SessionKey;
import dev.wxgate.domain.token.AccessToken;
import dev.wxgate.domain.user.OpenId;

/** Secondary port: asking WeChat whether a user's session_key still holds, and replacing it. */
public interface SessionKeyCheck {

    /**
     * True when WeChat still holds {@code sessionKey} as the user's current key, false when it does not.
     *
     * @throws WechatException when WeChat cannot answer (token, transport, ...), never for a key that is merely stale
     */
    boolean isValid(WechatApp app, AccessToken token, OpenId openId, SessionKey sessionKey);

    /**
     * Replaces the user's session_key; the new key keeps the old one's expiry and the old key stops working.
     *
     * @throws WechatException with {@link WechatFailure#INVALID_SIGNATURE} when {@code sessionKey} is not the
     *     current one
     */
    SessionKey reset(WechatApp app, AccessToken token, OpenId openId, SessionKey sessionKey);
}
