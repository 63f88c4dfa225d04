package dev.wxgate.application.session;

import dev.wxgate.domain.session.SessionId;
import dev.wxgate.domain.session.SessionRepository;
import dev.wxgate.domain.user.UserId;

/** Use case: a user ends another of their own sessions (a lost phone), by its id. */
public final class RevokeMySession {
    private final SessionRepository sessions;

    public RevokeMySession(SessionRepository sessions) {
        this.sessions = sessions;
    }

    /**
     * @param userId the caller, who may revoke only their own sessions
     * @param sessionId the session to end
     */
    public record Command(UserId userId, SessionId sessionId) {
        public Command {
            if (userId == null || sessionId == null) {
                throw new IllegalArgumentException("userId and sessionId are required");
            }
        }
    }

    /** False when the user has no such session. */
    public boolean revoke(Command command) {
        return sessions.revoke(command.userId(), command.sessionId());
    }
}
