package dev.wxgate.domain.session;

import dev.wxgate.domain.Require;
import dev.wxgate.domain.user.Identity;
import dev.wxgate.domain.user.UserId;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A login: which user, through which identity, with the session_key WeChat issued (mini-program logins only; a web
 * login of an official account has none), and until when it lives. {@code expiresAt} slides with use but never past {@code absoluteExpiresAt}, which does not move. {@code user}
 * is what the session answers "who am I" with (no user store read); empty in sessions stored before it was kept.
 */
public record Session(
        SessionId id,
        UserId userId,
        Identity identity,
        Optional<SessionKey> sessionKey,
        Instant createdAt,
        Instant lastSeenAt,
        Instant expiresAt,
        Instant absoluteExpiresAt,
        Optional<UserSnapshot> user) {

    public Session {
        Require.present(id, "sessionId");
        Require.present(userId, "userId");
        Require.present(identity, "identity");
        Require.present(sessionKey, "session_key");
        Require.present(createdAt, "createdAt");
        Require.present(lastSeenAt, "lastSeenAt");
        Require.present(expiresAt, "expiresAt");
        Require.present(absoluteExpiresAt, "absoluteExpiresAt");
        Require.present(user, "user");
        if (expiresAt.isAfter(absoluteExpiresAt)) {
            throw new IllegalArgumentException("expiresAt must not be after absoluteExpiresAt");
        }
        if (lastSeenAt.isBefore(createdAt)) {
            throw new IllegalArgumentException("lastSeenAt must not be before createdAt");
        }
    }

    /** A mini-program session without a snapshot of its user (as stored before sessions kept one). */
    public Session(
            SessionId id,
            UserId userId,
            Identity identity,
            SessionKey sessionKey,
            Instant createdAt,
            Instant lastSeenAt,
            Instant expiresAt,
            Instant absoluteExpiresAt) {
        this(
                id,
                userId,
                identity,
                Optional.of(Require.present(sessionKey, "session_key")),
                createdAt,
                lastSeenAt,
                expiresAt,
                absoluteExpiresAt,
                Optional.empty());
    }

    /** A mini-program session opened {@code now} with the session_key WeChat issued, living as {@code policy} says. */
    public static Session start(
            SessionId id, UserId userId, Identity identity, SessionKey sessionKey, Instant now, SessionPolicy policy) {
        return start(id, userId, identity, Optional.of(Require.present(sessionKey, "session_key")), now, policy);
    }

    /**
     * A session opened {@code now}, living as {@code policy} says; {@code sessionKey} is empty for a web login, which
     * WeChat gives no session_key.
     */
    public static Session start(
            SessionId id,
            UserId userId,
            Identity identity,
            Optional<SessionKey> sessionKey,
            Instant now,
            SessionPolicy policy) {
        Instant absolute = now.plus(policy.absoluteLifetime());
        return new Session(
                id, userId, identity, sessionKey, now, now, now.plus(policy.idleTimeout()), absolute, Optional.empty());
    }

    public boolean isActiveAt(Instant now) {
        return now.isBefore(expiresAt);
    }

    /**
     * This session used at {@code now}: it expires {@code idleTimeout} later, but never past its absolute expiry and
     * never earlier than it already did (nodes' clocks differ a little).
     */
    public Session touchedAt(Instant now, Duration idleTimeout) {
        Instant slid = min(now.plus(idleTimeout), absoluteExpiresAt);
        Instant seen = now.isAfter(lastSeenAt) ? now : lastSeenAt;
        return new Session(
                id,
                userId,
                identity,
                sessionKey,
                createdAt,
                seen,
                slid.isAfter(expiresAt) ? slid : expiresAt,
                absoluteExpiresAt,
                user);
    }

    /** This session with {@code snapshot} as what it knows of its user. */
    public Session withUser(UserSnapshot snapshot) {
        return new Session(
                id,
                userId,
                identity,
                sessionKey,
                createdAt,
                lastSeenAt,
                expiresAt,
                absoluteExpiresAt,
                Optional.of(Require.present(snapshot, "user")));
    }

    /** Time left at {@code now}, never negative. */
    public Duration expiresIn(Instant now) {
        Duration left = Duration.between(now, expiresAt);
        return left.isNegative() ? Duration.ZERO : left;
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
