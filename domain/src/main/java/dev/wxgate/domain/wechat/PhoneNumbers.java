package dev.wxgate.domain.wechat;

import dev.wxgate.domain.app.WechatApp;
import dev.wxgate.domain.token.AccessToken;

/** Secondary port: the phone number a user agreed to share, fetched from WeChat with a one-time code. */
public interface PhoneNumbers {

    /**
     * Exchanges {@code code} for the user's phone number. A code works once and lives about five minutes.
     *
     * @throws WechatException with {@link WechatFailure#INVALID_CODE}, a token failure
     *     ({@link WechatFailure#INVALID_TOKEN}, {@link WechatFailure#EXPIRED_TOKEN}) or a transport failure
     */
    PhoneNumber exchange(WechatApp app, AccessToken token, PhoneCode code);
}
