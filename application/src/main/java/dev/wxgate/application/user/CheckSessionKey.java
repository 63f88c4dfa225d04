package dev.wxgate.application.user;

import dev.wxgate.application.UnknownAppException;
import dev.wxgate.application.token.WithAccessToken;
import dev.wxgate.domain.app.WechatApp;
import dev.wxgate.domain.app.WechatApps;
import dev.wxgate.domain.session.Session;
import dev.wxgate.domain.wechat.SessionKeyCheck;

/**
 * Use case: whether WeChat still holds the session's session_key valid, asked with the app's access_token from the
 * token server (a rejected token is reported and the call retried once).
 */
public final class CheckSessionKey {
    private final WechatApps apps;
    private final WithAccessToken withAccessToken;
    private final SessionKeyCheck sessionKeyCheck;

    public CheckSessionKey(WechatApps apps, WithAccessToken withAccessToken, SessionKeyCheck sessionKeyCheck) {
        this.apps = apps;
        this.withAccessToken = withAccessToken;
        this.sessionKeyCheck = sessionKeyCheck;
    }

    /** @param session the caller's session, holding the session_key to check */
    public record Command(Session session) {
        public Command {
            if (session == null) {
                throw new IllegalArgumentException("session is required");
            }
        }
    }

    /** True when WeChat still holds the session_key valid. */
    public boolean check(Command command) {
        Session session = command.session();
        WechatApp app = apps.find(session.identity().appId())
                .orElseThrow(() -> new UnknownAppException(session.identity().appId()));
        return withAccessToken.call(
                app.appId(),
                token -> sessionKeyCheck.isValid(
                        app,
                        token,
                        session.identity().openId(),
                        session.sessionKey().orElseThrow(NoSessionKeyException::new)));
    }
}
