package dev.wxgate.adapters.persistence.session;

import static dev.wxgate.adapters.persistence.session.SessionHashCodec.instant;
import static dev.wxgate.adapters.persistence.session.SessionHashCodec.micros;

import dev.wxgate.domain.session.SessionId;
import dev.wxgate.domain.user.UserId;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The names of the session store's Redis keys under one prefix, and the token keys' pointers to their sessions. */
final class SessionKeys {
    private static final Logger LOG = LoggerFactory.getLogger(SessionKeys.class);

    private final String prefix;

    SessionKeys(String prefix) {
        this.prefix = prefix;
    }

    String tokenKey(String hash) {
        return prefix + "session-token:" + hash;
    }

    /** What every user's keys start with, up to the user id (the scripts that follow a pointer complete it). */
    String userKeysPrefix() {
        return prefix + "user:{";
    }

    String sessionKeyPrefix(UserId userId) {
        return userKeysPrefix() + userId.value() + "}:session:";
    }

    String sessionKey(UserId userId, SessionId id) {
        return sessionKeyPrefix(userId) + id.value();
    }

    String indexKey(UserId userId) {
        return prefix + "user:{" + userId.value() + "}:sessions";
    }

    String activeKey() {
        return prefix + "sessions:active";
    }

    /** A token key's value: {@code <userId>:<sessionId>:<absolute expiry in µs>}. */
    static String pointer(UserId userId, SessionId id, Instant absolute) {
        return userId.value() + ":" + id.value() + ":" + micros(absolute);
    }

    /**
     * Where a token key leads, and when that session ends at the latest: null for a pointer written before pointers
     * carried it ({@code <userId>:<sessionId>}); the session itself knows.
     */
    record Pointer(UserId userId, SessionId sessionId, String sessionKey, Instant absolute) {}

    /** A token key's value, or null when it is unreadable. */
    Pointer parsePointer(String value) {
        try {
            String[] parts = value.split(":", 3);
            UserId userId = new UserId(Long.parseLong(parts[0]));
            SessionId id = new SessionId(parts[1]);
            Instant absolute = parts.length > 2 ? instant(parts[2]) : null;
            return new Pointer(userId, id, sessionKey(userId, id), absolute);
        } catch (IllegalArgumentException | ArrayIndexOutOfBoundsException corrupt) {
            LOG.warn("A session token key in Redis is corrupt; ignoring it");
            return null;
        }
    }

    /** The session key of an active-set member {@code <userId>:<sessionId>}. */
    String pointerToSessionKey(String member) {
        int colon = member.indexOf(':');
        return sessionKey(
                new UserId(Long.parseLong(member.substring(0, colon))), new SessionId(member.substring(colon + 1)));
    }
}
