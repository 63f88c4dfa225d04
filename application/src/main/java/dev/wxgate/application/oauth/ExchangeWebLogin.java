package dev.wxgate.application.oauth;

import dev.wxgate.application.RateLimitedException;
import dev.wxgate.application.login.LogInWithCode.LoggedIn;
import dev.wxgate.application.oauth.WebLoginException.Reason;
import dev.wxgate.application.session.SessionEvents;
import dev.wxgate.application.session.SessionTokens;
import dev.wxgate.domain.oauth.Claim;
import dev.wxgate.domain.oauth.Handoff;
import dev.wxgate.domain.oauth.WebLoginStore;
import dev.wxgate.domain.ratelimit.RateLimiter;
import dev.wxgate.domain.session.Session;
import dev.wxgate.domain.session.SessionPolicy;
import dev.wxgate.domain.session.SessionRepository;
import dev.wxgate.domain.session.SessionToken;
import dev.wxgate.domain.session.UserSnapshot;
import dev.wxgate.domain.user.User;
import dev.wxgate.domain.user.UserRegistry;
import java.time.Clock;
import java.util.Optional;

/**
 * Use case: the page trades its one-time handoff code for a wxgate session, the same sessions as a mini-program's
 * (without a session_key, which web logins have none of). The session is opened here, not at the callback, so no
 * session token ever passes through a URL or rests in the store.
 */
public final class ExchangeWebLogin {
    private final WebLoginStore store;
    private final UserRegistry users;
    private final SessionRepository sessions;
    private final RateLimiter rateLimiter;
    private final WebLoginSettings settings;
    private final SessionPolicy policy;
    private final SessionTokens tokens;
    private final Clock clock;
    private final SessionEvents events;

    public ExchangeWebLogin(
            WebLoginStore store,
            UserRegistry users,
            SessionRepository sessions,
            RateLimiter rateLimiter,
            WebLoginSettings settings,
            SessionPolicy policy,
            SessionTokens tokens,
            Clock clock) {
        this(store, users, sessions, rateLimiter, settings, policy, tokens, clock, SessionEvents.NONE);
    }

    /** @param events told of each session opened */
    public ExchangeWebLogin(
            WebLoginStore store,
            UserRegistry users,
            SessionRepository sessions,
            RateLimiter rateLimiter,
            WebLoginSettings settings,
            SessionPolicy policy,
            SessionTokens tokens,
            Clock clock,
            SessionEvents events) {
        this.store = store;
        this.users = users;
        this.sessions = sessions;
        this.rateLimiter = rateLimiter;
        this.settings = settings;
        this.policy = policy;
        this.tokens = tokens;
        this.clock = clock;
        this.events = events;
    }

    /** @param clientAddress where the exchange comes from, for the per-client rate limit */
    public record Command(String code, String clientAddress) {
        @Override
        public String toString() {
            return "Command[code=****, " + clientAddress + "]";
        }
    }

    /**
     * @throws WebLoginException ({@link Reason#INVALID_HANDOFF}) when the code is unknown, used or expired
     * @throws RateLimitedException when this client exchanges too often
     */
    public LoggedIn exchange(Command command) {
        rateLimiter
                .tryAcquire("weblogin:exchange:ip:" + command.clientAddress(), settings.perClientIp())
                .ifPresent(wait -> {
                    throw new RateLimitedException("too many logins", wait);
                });
        if (!OneTimeValues.wellFormed(command.code())) {
            throw invalid();
        }
        Claim<Handoff> claim =
                store.claimHandoff(OneTimeValues.hash(command.code())).orElseThrow(ExchangeWebLogin::invalid);
        Handoff handoff = claim.entry();
        if (claim.claimedBefore() || !clock.instant().isBefore(handoff.expiresAt())) {
            throw invalid();
        }
        User user = users.find(handoff.userId()).orElseThrow(ExchangeWebLogin::invalid);
        SessionToken token = tokens.newToken();
        Session session = Session.start(
                        tokens.newSessionId(), user.id(), handoff.identity(), Optional.empty(), clock.instant(), policy)
                .withUser(UserSnapshot.of(user));
        sessions.save(token, session);
        events.opened(session.identity().appId());
        return new LoggedIn(token, session, user, handoff.newUser());
    }

    private static WebLoginException invalid() {
        return new WebLoginException(Reason.INVALID_HANDOFF, "the code is invalid, used or expired");
    }
}
