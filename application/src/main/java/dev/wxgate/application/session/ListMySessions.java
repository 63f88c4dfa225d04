package dev.wxgate.application.session;

import dev.wxgate.domain.session.Session;
import dev.wxgate.domain.session.SessionRepository;
import dev.wxgate.domain.user.UserId;
import java.util.List;

/** Use case: a user lists their own live sessions (one per device they are logged in on). */
public final class ListMySessions {
    private final SessionRepository sessions;

    public ListMySessions(SessionRepository sessions) {
        this.sessions = sessions;
    }

    /** @param userId the user whose sessions are listed, the caller's own */
    public record Command(UserId userId) {
        public Command {
            if (userId == null) {
                throw new IllegalArgumentException("userId is required");
            }
        }
    }

    public List<Session> list(Command command) {
        return sessions.findByUser(command.userId());
    }
}
