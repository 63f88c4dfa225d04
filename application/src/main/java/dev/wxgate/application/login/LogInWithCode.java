package dev.wxgate.application.login;

import dev.wxgate.application.RateLimitedException;
import dev.wxgate.application.UnknownAppException;
import dev.wxgate.application.session.SessionEvents;
import dev.wxgate.application.session.SessionTokens;
import dev.wxgate.domain.app.AppId;
import dev.wxgate.domain.app.AppType;
import dev.wxgate.domain.app.WechatApp;
import dev.wxgate.domain.app.WechatApps;
import dev.wxgate.domain.ratelimit.RateLimiter;
import dev.wxgate.domain.session.Session;
import dev.wxgate.domain.session.SessionPolicy;
import dev.wxgate.domain.session.SessionRepository;
import dev.wxgate.domain.session.SessionToken;
import dev.wxgate.domain.session.UserSnapshot;
import dev.wxgate.domain.user.Identity;
import dev.wxgate.domain.user.User;
import dev.wxgate.domain.user.UserRegistry;
import dev.wxgate.domain.wechat.CodeSession;
import dev.wxgate.domain.wechat.LoginCode;
import dev.wxgate.domain.wechat.WechatLogin;
import java.time.Clock;
import java.util.Optional;

/**
 * Use case: a mini-program logs in with the code from {@code wx.login()}. WeChat exchanges the code (no access_token
 * involved, so a token outage never blocks login), the user is registered or loaded, and a session holding the
 * session_key is opened; the caller gets wxgate's own token, never the session_key.
 */
public final class LogInWithCode {
    private final WechatApps apps;
    private final WechatLogin wechat;
    private final UserRegistry users;
    private final SessionRepository sessions;
    private final RateLimiter rateLimiter;
    private final LoginLimits limits;
    private final SessionPolicy policy;
    private final SessionTokens tokens;
    private final Clock clock;
    private final LoginEvents loginEvents;
    private final SessionEvents sessionEvents;

    public LogInWithCode(
            WechatApps apps,
            WechatLogin wechat,
            UserRegistry users,
            SessionRepository sessions,
            RateLimiter rateLimiter,
            LoginLimits limits,
            SessionPolicy policy,
            SessionTokens tokens,
            Clock clock) {
        this(
                apps,
                wechat,
                users,
                sessions,
                rateLimiter,
                limits,
                policy,
                tokens,
                clock,
                LoginEvents.NONE,
                SessionEvents.NONE);
    }

    /**
     * @param loginEvents told how each login ended
     * @param sessionEvents told of each session opened
     */
    public LogInWithCode(
            WechatApps apps,
            WechatLogin wechat,
            UserRegistry users,
            SessionRepository sessions,
            RateLimiter rateLimiter,
            LoginLimits limits,
            SessionPolicy policy,
            SessionTokens tokens,
            Clock clock,
            LoginEvents loginEvents,
            SessionEvents sessionEvents) {
        this.apps = apps;
        this.wechat = wechat;
        this.users = users;
        this.sessions = sessions;
        this.rateLimiter = rateLimiter;
        this.limits = limits;
        this.policy = policy;
        this.tokens = tokens;
        this.clock = clock;
        this.loginEvents = loginEvents;
        this.sessionEvents = sessionEvents;
    }

    /**
     * @param appId the mini-program; may be omitted when exactly one is configured
     * @param code the code from {@code wx.login()}
     * @param clientAddress where the login comes from, for the per-client rate limit
     */
    public record Command(Optional<AppId> appId, LoginCode code, String clientAddress) {}

    /** The new session, its bearer token, and the user behind it. */
    public record LoggedIn(SessionToken token, Session session, User user, boolean newUser) {}

    /**
     * @throws UnknownAppException when the app is not configured
     * @throws LoginAppException when no app is named and it is ambiguous, or the app is not a mini-program
     * @throws RateLimitedException when this client or app logs in too often
     * @throws dev.wxgate.domain.wechat.WechatException when WeChat refuses the code or cannot be reached
     */
    public LoggedIn logIn(Command command) {
        LoggedIn loggedIn;
        try {
            loggedIn = open(command);
        } catch (RuntimeException failed) {
            // Only a served app's id is named: an unknown one would let callers grow the metrics without bound.
            Optional<AppId> served = command.appId()
                    .or(() -> apps.soleMiniProgram().map(WechatApp::appId))
                    .filter(id -> apps.find(id).isPresent());
            loginEvents.login(served, LoginOutcome.of(failed));
            throw failed;
        }
        AppId app = loggedIn.session().identity().appId();
        loginEvents.login(Optional.of(app), LoginOutcome.SUCCESS);
        sessionEvents.opened(app);
        return loggedIn;
    }

    private LoggedIn open(Command command) {
        WechatApp app = resolve(command.appId());
        throttle("login:ip:" + command.clientAddress(), limits.perClientIp());
        throttle("login:app:" + app.appId().value(), limits.perApp());

        CodeSession exchanged = wechat.exchange(app, command.code());
        UserRegistry.Registration registration =
                users.registerOrLoad(new Identity(app.appId(), exchanged.openId(), exchanged.unionId()));
        Identity identity = new Identity(app.appId(), exchanged.openId(), exchanged.unionId());
        SessionToken token = tokens.newToken();
        UserSnapshot snapshot = UserSnapshot.of(registration.user());
        Session session = Session.start(
                        tokens.newSessionId(),
                        registration.user().id(),
                        identity,
                        exchanged.sessionKey(),
                        clock.instant(),
                        policy)
                .withUser(snapshot);
        if (!registration.newUser() && exchanged.unionId().isPresent()) {
            // This login may have given the user its unionid (or joined it by one): the user's other sessions, on
            // any node, answer who it is from their own snapshot, which must say so too.
            sessions.updateUserSnapshot(registration.user().id(), snapshot);
        }
        if (!registration.newUser()) {
            // WeChat keeps one session_key per user and app, and this login replaced it: the user's other sessions of
            // the app would otherwise hold a dead key (checksession false, their encryptedData undecryptable).
            sessions.updateSessionKey(registration.user().id(), app.appId(), exchanged.sessionKey());
        }
        sessions.save(token, session);
        return new LoggedIn(token, session, registration.user(), registration.newUser());
    }

    private WechatApp resolve(Optional<AppId> appId) {
        if (appId.isEmpty()) {
            return apps.soleMiniProgram()
                    .orElseThrow(
                            () -> new LoginAppException("appId is required: more than one mini-program is served"));
        }
        WechatApp app = apps.find(appId.get()).orElseThrow(() -> new UnknownAppException(appId.get()));
        if (app.type() != AppType.MINI_PROGRAM) {
            throw new LoginAppException("app " + app.appId() + " is not a mini-program");
        }
        return app;
    }

    private void throttle(String key, RateLimiter.RateLimit limit) {
        rateLimiter.tryAcquire(key, limit).ifPresent(wait -> {
            throw new RateLimitedException(wait);
        });
    }
}
