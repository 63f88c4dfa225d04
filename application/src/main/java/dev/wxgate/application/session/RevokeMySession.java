package dev.wxgate.application.session;

import dev.wxgate.domain.app.AppId;
import dev.wxgate.domain.session.SessionId;
import dev.wxgate.domain.session.SessionRepository;
import dev.wxgate.domain.user.UserId;
import java.util.Optional;

/** Use case: a user ends another of their own sessions (a lost phone), by its id. */
public final class RevokeMySession {
    private final SessionRepository sessions;
    private final SessionEvents events;

    public RevokeMySession(SessionRepository sessions) {
        this(sessions, SessionEvents.NONE);
    }

    /** @param events told of each session ended */
    public RevokeMySession(SessionRepository sessions, SessionEvents events) {
        this.sessions = sessions;
        this.events = events;
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
        // Read first for the session's app, which the metrics name; a user ends a session rarely.
        Optional<AppId> app = sessions.findByUser(command.userId()).stream()
                .filter(session -> session.id().equals(command.sessionId()))
                .map(session -> session.identity().appId())
                .findFirst();
        if (app.isEmpty() || !sessions.revoke(command.userId(), command.sessionId())) {
            return false;
        }
        events.revoked(app.get(), SessionEvents.Revocation.USER, 1);
        return true;
    }
}
