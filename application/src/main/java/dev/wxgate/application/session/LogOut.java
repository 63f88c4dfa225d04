package dev.wxgate.application.session;

import dev.wxgate.domain.session.Session;
import dev.wxgate.domain.session.SessionRepository;

/** Use case: a user logs out, ending the session their token opened. */
public final class LogOut {
    private final SessionRepository sessions;

    public LogOut(SessionRepository sessions) {
        this.sessions = sessions;
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
        sessions.revoke(command.session().userId(), command.session().id());
    }
}
