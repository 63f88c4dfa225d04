package dev.wxgate.application.user;

import dev.wxgate.application.UnknownAppException;
import dev.wxgate.application.token.WithAccessToken;
import dev.wxgate.domain.app.WechatApp;
import dev.wxgate.domain.app.WechatApps;
import dev.wxgate.domain.session.Session;
import dev.wxgate.domain.wechat.PhoneCode;
import dev.wxgate.domain.wechat.PhoneNumber;
import dev.wxgate.domain.wechat.PhoneNumbers;
import dev.wxgate.domain.wechat.SessionKeyCheck;

/**
 * Use cases that ask WeChat about the session's user with the app's access_token, taken from the token server (a
 * rejected token is reported and the call retried once): the phone number behind a {@code getPhoneNumber} code, and
 * whether WeChat still holds the session_key valid.
 */
public final class AskWechatAboutUser {
    private final WechatApps apps;
    private final WithAccessToken withAccessToken;
    private final PhoneNumbers phoneNumbers;
    private final SessionKeyCheck sessionKeyCheck;

    public AskWechatAboutUser(
            WechatApps apps,
            WithAccessToken withAccessToken,
            PhoneNumbers phoneNumbers,
            SessionKeyCheck sessionKeyCheck) {
        this.apps = apps;
        this.withAccessToken = withAccessToken;
        this.phoneNumbers = phoneNumbers;
        this.sessionKeyCheck = sessionKeyCheck;
    }

    public PhoneNumber phoneNumber(Session session, PhoneCode code) {
        WechatApp app = appOf(session);
        return withAccessToken.call(app.appId(), token -> phoneNumbers.exchange(app, token, code));
    }

    public boolean sessionKeyStillValid(Session session) {
        WechatApp app = appOf(session);
        return withAccessToken.call(
                app.appId(),
                token -> sessionKeyCheck.isValid(app, token, session.identity().openId(), session.sessionKey()));
    }

    private WechatApp appOf(Session session) {
        return apps.find(session.identity().appId())
                .orElseThrow(() -> new UnknownAppException(session.identity().appId()));
    }
}
