package dev.wxgate.application.session;

import dev.wxgate.domain.session.Session;
import dev.wxgate.domain.session.SessionRepository;
import dev.wxgate.domain.session.SessionToken;
import java.util.Optional;

/** Use case: every API call but login opens its session by bearer token, which slides the session's expiry. */
public final class AuthenticateSession {
    private final SessionRepository sessions;

    public AuthenticateSession(SessionRepository sessions) {
        this.sessions = sessions;
    }

    /** The live session {@code token} opens, its idle expiry moved forward; empty when none. */
    public Optional<Session> authenticate(SessionToken token) {
        return sessions.touch(token);
    }
}
