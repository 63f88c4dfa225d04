package dev.wxgate.application.user;

import dev.wxgate.application.UnknownAppException;
import dev.wxgate.application.token.WithAccessToken;
import dev.wxgate.domain.app.WechatApp;
import dev.wxgate.domain.app.WechatApps;
import dev.wxgate.domain.session.Session;
import dev.wxgate.domain.wechat.PhoneCode;
import dev.wxgate.domain.wechat.PhoneNumber;
import dev.wxgate.domain.wechat.PhoneNumbers;

/**
 * Use case: the phone number behind a {@code getPhoneNumber} code, asked of WeChat with the session's app's
 * access_token from the token server (a rejected token is reported and the call retried once).
 */
public final class GetPhoneNumber {
    private final WechatApps apps;
    private final WithAccessToken withAccessToken;
    private final PhoneNumbers phoneNumbers;

    public GetPhoneNumber(WechatApps apps, WithAccessToken withAccessToken, PhoneNumbers phoneNumbers) {
        this.apps = apps;
        this.withAccessToken = withAccessToken;
        this.phoneNumbers = phoneNumbers;
    }

    /**
     * @param session the caller's session, naming the app
     * @param code the code the mini-program's {@code getPhoneNumber} button gave
     */
    public record Command(Session session, PhoneCode code) {
        public Command {
            if (session == null || code == null) {
                throw new IllegalArgumentException("session and code are required");
            }
        }
    }

    public PhoneNumber get(Command command) {
        Session session = command.session();
        WechatApp app = apps.find(session.identity().appId())
                .orElseThrow(() -> new UnknownAppException(session.identity().appId()));
        return withAccessToken.call(app.appId(), token -> phoneNumbers.exchange(app, token, command.code()));
    }
}
