package dev.wxgate.application.session;

import dev.wxgate.application.RateLimitedException;
import dev.wxgate.domain.ratelimit.RateLimiter;
import dev.wxgate.domain.ratelimit.RateLimiter.RateLimit;
import dev.wxgate.domain.session.Session;
import dev.wxgate.domain.session.SessionRepository;
import dev.wxgate.domain.session.SessionToken;
import java.util.Optional;

/**
 * Use case: a trusted backend asks whether a session token is live and whose it is (RFC 7662 token introspection).
 * Reading does not slide the session unless the caller asks; a session of an app outside the client's scope is
 * answered as if it did not exist. Calls are counted per client, malformed tokens included.
 */
public final class IntrospectSession {
    private final SessionRepository sessions;
    private final RateLimiter rateLimiter;
    private final RateLimit perClient;
    private final SessionEvents events;

    public IntrospectSession(SessionRepository sessions, RateLimiter rateLimiter, RateLimit perClient) {
        this(sessions, rateLimiter, perClient, SessionEvents.NONE);
    }

    /** @param events told of each introspection answered */
    public IntrospectSession(
            SessionRepository sessions, RateLimiter rateLimiter, RateLimit perClient, SessionEvents events) {
        this.sessions = sessions;
        this.rateLimiter = rateLimiter;
        this.perClient = perClient;
        this.events = events;
    }

    /**
     * One introspection request.
     *
     * @param client who asks, and which apps it may see
     * @param token the presented token; empty when it was missing or not a token at all
     * @param touch record the use (slide the session's expiry), as an API call of the user would
     */
    public record Introspection(ClientScope client, Optional<SessionToken> token, boolean touch) {
        public Introspection {
            if (client == null || token == null) {
                throw new IllegalArgumentException("client and token are required");
            }
        }
    }

    /**
     * The live session the token opens, when the client may see it; empty otherwise.
     *
     * @throws RateLimitedException when this client introspects too often
     */
    public Optional<Session> introspect(Introspection request) {
        rateLimiter
                .tryAcquire("introspect:client:" + request.client().clientId(), perClient)
                .ifPresent(wait -> {
                    throw new RateLimitedException("too many introspection requests", wait);
                });
        Optional<Session> answer = request.token().isEmpty() ? Optional.empty() : find(request);
        events.introspected(request.client().clientId(), answer.isPresent());
        return answer;
    }

    private Optional<Session> find(Introspection request) {
        SessionToken token = request.token().get();
        Optional<Session> session = request.touch() ? sessions.touch(token) : sessions.findByToken(token);
        return session.filter(live -> request.client().covers(live.identity().appId()));
    }
}
