package dev.wxgate.domain.session;

import dev.wxgate.domain.Page;
import dev.wxgate.domain.PageRequest;
import dev.wxgate.domain.StoreUnavailableException;
import dev.wxgate.domain.app.AppId;
import dev.wxgate.domain.user.UserId;
import java.util.List;
import java.util.Optional;

/**
 * Secondary port: where login sessions live, found by their bearer token and listed by user. A store keeps only a hash
 * of each token and the session_key encrypted, and follows the {@link SessionPolicy} it was built with: sliding and
 * absolute expiry, a cap on sessions per user, the grace period of a replaced token. A revocation holds on every node
 * as soon as the call returns. Times are kept to the microsecond.
 *
 * <p>Every method throws {@link StoreUnavailableException} when the store cannot be reached or fails.
 */
public interface SessionRepository {

    /**
     * Stores a new {@code session}, opened by {@code token}. When its user already holds the policy's maximum of live
     * sessions, the oldest are revoked to make room.
     *
     * @throws IllegalArgumentException when a session with this id exists
     */
    void save(SessionToken token, Session session);

    /** The live session {@code token} opens, as stored; reading does not extend it. */
    Optional<Session> findByToken(SessionToken token);

    /** Like {@link #findByToken}, and records the use: the session's expiry slides (never past its absolute expiry). */
    Optional<Session> touch(SessionToken token);

    /**
     * Makes {@code next} the token of the live session {@code current} opens, and keeps {@code current} working for
     * the policy's refresh grace only. Returns the session (touched), or empty when {@code current} opens none.
     */
    Optional<Session> rotate(SessionToken current, SessionToken next);

    /** The user's live sessions, newest first. */
    List<Session> findByUser(UserId userId);

    /**
     * All live sessions, the one that expires last (the most recently used) first, and how many there are. A page may
     * hold fewer items than asked when sessions end while it is read.
     */
    Page<Session> findActive(PageRequest page);

    /**
     * Makes {@code snapshot} what every live session of the user knows of it, on every node at once (ended sessions
     * stay ended); returns how many sessions were rewritten.
     */
    int updateUserSnapshot(UserId userId, UserSnapshot snapshot);

    /**
     * Makes {@code sessionKey} the session_key of every live session of the user in {@code appId} that holds one, on
     * every node at once (ended sessions and sessions of other apps stay as they are); returns how many sessions were
     * rewritten. WeChat keeps one session_key per user and app, so a new login or a reset replaces it for all of them.
     */
    int updateSessionKey(UserId userId, AppId appId, SessionKey sessionKey);

    /** Revokes the user's session {@code id}, on every node at once; false when the user has no such live session. */
    boolean revoke(UserId userId, SessionId id);

    /** Revokes all of a user's sessions; returns how many live ones there were. */
    int revokeAll(UserId userId);
}
