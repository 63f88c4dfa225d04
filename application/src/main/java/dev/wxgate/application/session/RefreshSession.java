package dev.wxgate.application.session;

import dev.wxgate.domain.session.Session;
import dev.wxgate.domain.session.SessionRepository;
import dev.wxgate.domain.session.SessionToken;
import java.util.Optional;

/**
 * Use case: a client swaps its token for a new one before it expires. The old token keeps opening the session for
 * a short grace period, so requests already in flight don't fail.
 */
public final class RefreshSession {
    private final SessionRepository sessions;
    private final SessionTokens tokens;

    public RefreshSession(SessionRepository sessions, SessionTokens tokens) {
        this.sessions = sessions;
        this.tokens = tokens;
    }

    public record Refreshed(SessionToken token, Session session) {}

    /** The new token, or empty when {@code current} opens no live session. */
    public Optional<Refreshed> refresh(SessionToken current) {
        SessionToken next = tokens.newToken();
        return sessions.rotate(current, next).map(session -> new Refreshed(next, session));
    }
}
