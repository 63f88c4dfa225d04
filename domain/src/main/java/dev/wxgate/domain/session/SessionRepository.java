package dev.wxgate.domain.session;

import dev.wxgate.domain.user.UserId;
import java.util.List;
import java.util.Optional;

/** Secondary port: where login sessions live, found by their bearer token and listed by user. */
public interface SessionRepository {

    /** Stores {@code session} under {@code token}, replacing what the session id held before. */
    void save(SessionToken token, Session session);

    /** The session {@code token} opens, if it exists and has not expired. */
    Optional<Session> findByToken(SessionToken token);

    /** The user's live sessions, newest first. */
    List<Session> findByUser(UserId userId);

    /** Revokes one session on every node at once; false when it did not exist. */
    boolean revoke(SessionId id);

    /** Revokes all of a user's sessions; returns how many there were. */
    int revokeAll(UserId userId);
}
