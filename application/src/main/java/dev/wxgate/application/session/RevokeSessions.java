package dev.wxgate.application.session;

import dev.wxgate.domain.app.AppId;
import dev.wxgate.domain.audit.AuditEvent;
import dev.wxgate.domain.audit.AuditKind;
import dev.wxgate.domain.audit.AuditLog;
import dev.wxgate.domain.audit.AuditOutcome;
import dev.wxgate.domain.session.Session;
import dev.wxgate.domain.session.SessionId;
import dev.wxgate.domain.session.SessionRepository;
import dev.wxgate.domain.user.UserId;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Use case: an operator ends a user's session, or all of them, e.g. when the account is compromised. It holds on every
 * node at once, and each revocation is written to the audit log with who did it and why.
 */
public final class RevokeSessions {
    private final SessionRepository sessions;
    private final AuditLog audit;
    private final Clock clock;
    private final SessionEvents events;

    public RevokeSessions(SessionRepository sessions, AuditLog audit, Clock clock) {
        this(sessions, audit, clock, SessionEvents.NONE);
    }

    /** @param events told of each session ended */
    public RevokeSessions(SessionRepository sessions, AuditLog audit, Clock clock, SessionEvents events) {
        this.sessions = sessions;
        this.audit = audit;
        this.clock = clock;
        this.events = events;
    }

    /**
     * Revokes the user's session {@code id}; false (and nothing audited) when the user has no such live session.
     *
     * @throws dev.wxgate.domain.StoreUnavailableException when a store cannot be reached
     */
    public boolean revoke(String actor, UserId userId, SessionId id, Optional<String> reason) {
        Optional<Session> session = sessions.findByUser(userId).stream()
                .filter(candidate -> candidate.id().equals(id))
                .findFirst();
        if (session.isEmpty() || !sessions.revoke(userId, id)) {
            return false;
        }
        events.revoked(session.get().identity().appId(), SessionEvents.Revocation.ADMIN, 1);
        audit.record(new AuditEvent(
                AuditKind.SESSION_REVOKED,
                clock.instant(),
                actor,
                Optional.of(session.get().identity().appId()),
                Optional.of("user " + userId + " session " + id),
                reason,
                AuditOutcome.SUCCESS,
                Optional.empty()));
        return true;
    }

    /**
     * Revokes every session of the user; returns how many live ones there were (audited even when none, so the
     * operator's action is on record).
     */
    public int revokeAll(String actor, UserId userId, Optional<String> reason) {
        // The user's sessions by app, for the metrics; one that ends in between is counted all the same.
        Map<AppId, Long> byApp = sessions.findByUser(userId).stream()
                .collect(Collectors.groupingBy(session -> session.identity().appId(), Collectors.counting()));
        int revoked = sessions.revokeAll(userId);
        if (revoked > 0) {
            byApp.forEach((app, count) -> events.revoked(app, SessionEvents.Revocation.ADMIN, count.intValue()));
        }
        audit.record(new AuditEvent(
                AuditKind.SESSION_REVOKED,
                clock.instant(),
                actor,
                Optional.empty(),
                Optional.of("user " + userId + " all sessions"),
                reason,
                AuditOutcome.SUCCESS,
                Optional.of(revoked + " live session(s) revoked")));
        return revoked;
    }
}
