package dev.wxgate.testfixtures.data;

import dev.wxgate.domain.app.AppId;
import dev.wxgate.domain.session.Session;
import dev.wxgate.domain.session.SessionId;
import dev.wxgate.domain.session.SessionKey;
import dev.wxgate.domain.session.SessionPolicy;
import dev.wxgate.domain.user.Identity;
import dev.wxgate.domain.user.OpenId;
import dev.wxgate.domain.user.UnionId;
import dev.wxgate.domain.user.UserId;
import java.time.Instant;
import java.util.Optional;

/**
 * Test data: a {@link Session} as tests build it, with defaults for what a test does not care about ({@code
 * Sessions.session().user(42).startedAt(now).build()}). Each setter returns a new builder, so a shared one is safe.
 */
public record Sessions(
        SessionId id,
        UserId userId,
        Identity identity,
        SessionKey sessionKey,
        Instant startedAt,
        SessionPolicy policy) {
    public static final AppId APP = AppId.of("wx0000000000000001");
    public static final String SESSION_KEY = "HyVFkGl5F5OQWJZZaNzBBg==";
    public static final Instant START = Instant.parse("2026-12-01T08:00:00Z");

    /** User 1, openid {@code oUser} in {@link #APP}, no unionid, started at {@link #START} with the default policy. */
    public static Sessions session() {
        return new Sessions(
                new SessionId("AAAAAAAAAAAAAAAAAAAAAA"),
                new UserId(1),
                new Identity(APP, new OpenId("oUser"), Optional.empty()),
                SessionKey.of(SESSION_KEY),
                START,
                SessionPolicy.DEFAULTS);
    }

    public Sessions id(String sessionId) {
        return new Sessions(new SessionId(sessionId), userId, identity, sessionKey, startedAt, policy);
    }

    public Sessions user(long userId) {
        return new Sessions(id, new UserId(userId), identity, sessionKey, startedAt, policy);
    }

    public Sessions identity(Identity identity) {
        return new Sessions(id, userId, identity, sessionKey, startedAt, policy);
    }

    /** The identity in {@code appId} of {@code openId}, keeping the unionid. */
    public Sessions in(String appId, String openId) {
        return identity(new Identity(AppId.of(appId), new OpenId(openId), identity.unionId()));
    }

    public Sessions unionId(String unionId) {
        return identity(new Identity(identity.appId(), identity.openId(), Optional.of(new UnionId(unionId))));
    }

    public Sessions sessionKey(String base64) {
        return new Sessions(id, userId, identity, SessionKey.of(base64), startedAt, policy);
    }

    public Sessions startedAt(Instant now) {
        return new Sessions(id, userId, identity, sessionKey, now, policy);
    }

    public Sessions policy(SessionPolicy policy) {
        return new Sessions(id, userId, identity, sessionKey, startedAt, policy);
    }

    public Session build() {
        return Session.start(id, userId, identity, sessionKey, startedAt, policy);
    }
}
