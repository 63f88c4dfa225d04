package dev.wxgate.adapters.persistence.session;

import dev.wxgate.domain.session.Session;
import dev.wxgate.domain.session.SessionId;
import dev.wxgate.domain.session.UserSnapshot;
import dev.wxgate.domain.user.Identity;
import dev.wxgate.domain.user.UserId;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * A session as the stores keep it: the session_key sealed by {@link SessionKeyCipher}, times to the microsecond (what
 * Redis's Lua numbers hold exactly).
 */
record SealedSession(
        SessionId id,
        UserId userId,
        Identity identity,
        String sealedKey,
        Instant createdAt,
        Instant lastSeenAt,
        Instant expiresAt,
        Instant absoluteExpiresAt,
        Optional<UserSnapshot> user) {

    static SealedSession seal(Session session, SessionKeyCipher cipher) {
        return new SealedSession(
                session.id(),
                session.userId(),
                session.identity(),
                cipher.seal(session.sessionKey(), session.id()),
                micros(session.createdAt()),
                micros(session.lastSeenAt()),
                micros(session.expiresAt()),
                micros(session.absoluteExpiresAt()),
                session.user().map(SealedSession::micros));
    }

    /** The session, or empty when its key does not open with the cipher's server key (the key was changed). */
    Optional<Session> open(SessionKeyCipher cipher) {
        return cipher.openOptional(sealedKey, id)
                .map(key -> new Session(
                        id, userId, identity, key, createdAt, lastSeenAt, expiresAt, absoluteExpiresAt, user));
    }

    /** Whether its session_key was sealed by another key than the cipher's sealing key (an older one). */
    boolean isStale(SessionKeyCipher cipher) {
        return !cipher.isCurrent(sealedKey);
    }

    /** This sealed session with {@code opened}'s session_key sealed again, by the cipher's sealing key. */
    SealedSession resealed(Session opened, SessionKeyCipher cipher) {
        return new SealedSession(
                id,
                userId,
                identity,
                cipher.seal(opened.sessionKey(), id),
                createdAt,
                lastSeenAt,
                expiresAt,
                absoluteExpiresAt,
                user);
    }

    /**
     * Why it did not open, for the log: the id of the key that sealed it when that key is not configured (never the
     * key), or that it did not open with any configured key.
     */
    String whyUnopened(SessionKeyCipher cipher) {
        if (cipher.isSealedByUnknownKey(sealedKey)) {
            return "it was sealed by the server key "
                    + cipher.keyIdOf(sealedKey).orElseThrow()
                    + ", which is not among this node's wxgate.sessions.server-keys " + cipher.keyIds();
        }
        return cipher.keyIdOf(sealedKey)
                .map(keyId -> "it does not open with the server key " + keyId + " (altered?)")
                .orElse("it was sealed before key ids and opens with none of the server keys " + cipher.keyIds());
    }

    boolean isActiveAt(Instant now) {
        return now.isBefore(expiresAt);
    }

    /** This sealed session with the use times of {@code touched}, its opened and touched self. */
    SealedSession touchedAs(Session touched) {
        return new SealedSession(
                id,
                userId,
                identity,
                sealedKey,
                createdAt,
                micros(touched.lastSeenAt()),
                micros(touched.expiresAt()),
                absoluteExpiresAt,
                user);
    }

    /** This sealed session holding {@code sealed}, another session_key sealed for it. */
    SealedSession withSealedKey(String sealed) {
        return new SealedSession(
                id, userId, identity, sealed, createdAt, lastSeenAt, expiresAt, absoluteExpiresAt, user);
    }

    /** This sealed session knowing {@code snapshot} of its user. */
    SealedSession withUser(UserSnapshot snapshot) {
        return new SealedSession(
                id,
                userId,
                identity,
                sealedKey,
                createdAt,
                lastSeenAt,
                expiresAt,
                absoluteExpiresAt,
                Optional.of(micros(snapshot)));
    }

    /** {@code snapshot} with its time to the microsecond, as stored. */
    static UserSnapshot micros(UserSnapshot snapshot) {
        return new UserSnapshot(snapshot.unionId(), snapshot.profile(), micros(snapshot.registeredAt()));
    }

    static Instant micros(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS);
    }

    static long epochMicros(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000);
    }

    static Instant ofEpochMicros(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
    }
}
