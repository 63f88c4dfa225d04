package dev.wxgate.application.user;

import dev.wxgate.application.UnknownAppException;
import dev.wxgate.application.token.WithAccessToken;
import dev.wxgate.domain.app.WechatApp;
import dev.wxgate.domain.app.WechatApps;
import dev.wxgate.domain.session.Session;
import dev.wxgate.domain.session.SessionKey;
import dev.wxgate.domain.session.SessionRepository;
import dev.wxgate.domain.wechat.SessionKeyCheck;
import dev.wxgate.domain.wechat.WechatException;
import dev.wxgate.domain.wechat.WechatFailure;

/**
 * Use case: asks WeChat for a new session_key for the session's user ({@code resetusersessionkey}, signed with the key
 * on file, with the app's access_token from the token server) and stores it in every live session of that user and
 * app, since WeChat's old key stops working for all of them. The new key never leaves the server.
 */
public final class ResetSessionKey {
    private final WechatApps apps;
    private final WithAccessToken withAccessToken;
    private final SessionKeyCheck sessionKeyCheck;
    private final SessionRepository sessions;

    public ResetSessionKey(
            WechatApps apps,
            WithAccessToken withAccessToken,
            SessionKeyCheck sessionKeyCheck,
            SessionRepository sessions) {
        this.apps = apps;
        this.withAccessToken = withAccessToken;
        this.sessionKeyCheck = sessionKeyCheck;
        this.sessions = sessions;
    }

    /** @param session the caller's session, holding the session_key WeChat is asked to replace */
    public record Command(Session session) {
        public Command {
            if (session == null) {
                throw new IllegalArgumentException("session is required");
            }
        }
    }

    /** @param sessionsUpdated how many of the user's live sessions of the app now hold the new key */
    public record Result(int sessionsUpdated) {}

    /**
     * @throws NoSessionKeyException when the session has no session_key (a web login)
     * @throws StaleSessionKeyException when WeChat no longer holds the key on file (87009)
     * @throws WechatException when WeChat cannot answer (busy, unreachable, token, IP whitelist, ...)
     * @throws dev.wxgate.domain.StoreUnavailableException when WeChat reset the key but the store could not be written:
     *     the sessions hold a dead key then, and the user logs in again
     */
    public Result reset(Command command) {
        Session session = command.session();
        SessionKey current = session.sessionKey().orElseThrow(NoSessionKeyException::new);
        WechatApp app = apps.find(session.identity().appId())
                .orElseThrow(() -> new UnknownAppException(session.identity().appId()));
        SessionKey renewed;
        try {
            renewed = withAccessToken.call(
                    app.appId(),
                    token ->
                            sessionKeyCheck.reset(app, token, session.identity().openId(), current));
        } catch (WechatException refused) {
            if (refused.failure() == WechatFailure.INVALID_SIGNATURE) {
                throw new StaleSessionKeyException();
            }
            throw refused;
        }
        return new Result(sessions.updateSessionKey(session.userId(), app.appId(), renewed));
    }
}
