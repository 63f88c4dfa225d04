package dev.wxgate.application.session;

import dev.wxgate.domain.session.Session;
import dev.wxgate.domain.session.SessionRepository;

/** Use case: a user logs out, ending the session their token opened. */
public final class LogOut {
    private final SessionRepository sessions;
    private final SessionEvents events;

    public LogOut(SessionRepository sessions) {
        this(sessions, SessionEvents.NONE);
    }

    /** @param events told of each session ended */
    public LogOut(SessionRepository sessions, SessionEvents events) {
        this.sessions = sessions;
        this.events = events;
    }

    /** @param session the session the caller's token opened */
    public record Command(Session session) {
        public Command {
            if (session == null) {
                throw new IllegalArgumentException("session is required");
            }
        }
    }

    public void logOut(Command command) {
        Session session = command.session();
        if (sessions.revoke(session.userId(), session.id())) {
            events.revoked(session.identity().appId(), SessionEvents.Revocation.LOGOUT, 1);
        }
    }
}
