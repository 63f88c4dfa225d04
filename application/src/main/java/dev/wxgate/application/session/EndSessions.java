package dev.wxgate.application.session;

import dev.wxgate.domain.session.Session;
import dev.wxgate.domain.session.SessionId;
import dev.wxgate.domain.session.SessionRepository;
import dev.wxgate.domain.user.UserId;
import java.util.List;

/** Use cases: a user lists their sessions, logs out of this one, or revokes another of theirs. */
public final class EndSessions {
    private final SessionRepository sessions;

    public EndSessions(SessionRepository sessions) {
        this.sessions = sessions;
    }

    public List<Session> listMine(UserId userId) {
        return sessions.findByUser(userId);
    }

    public void logOut(Session session) {
        sessions.revoke(session.userId(), session.id());
    }

    /** Revokes one of the user's own sessions; false when the user has no such session. */
    public boolean revokeMine(UserId userId, SessionId sessionId) {
        return sessions.revoke(userId, sessionId);
    }
}
