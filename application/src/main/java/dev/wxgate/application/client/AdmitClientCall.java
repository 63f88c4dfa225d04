package dev.wxgate.application.client;

import dev.wxgate.application.RateLimitedException;
import dev.wxgate.domain.ratelimit.RateLimiter;
import dev.wxgate.domain.ratelimit.RateLimiter.RateLimit;
import java.util.Map;

/**
 * Use case: an internal client's call to the token API is admitted only within its rate limit (its own, or the
 * default), counted cluster-wide in redis mode, so that one runaway backend cannot starve the others or the store.
 */
public final class AdmitClientCall {
    private final RateLimiter limiter;
    private final RateLimit defaultLimit;
    private final Map<String, RateLimit> perClient;

    /**
     * @param defaultLimit the limit of a client that has none of its own
     * @param perClient the clients' own limits, by client id
     */
    public AdmitClientCall(RateLimiter limiter, RateLimit defaultLimit, Map<String, RateLimit> perClient) {
        this.limiter = limiter;
        this.defaultLimit = defaultLimit;
        this.perClient = Map.copyOf(perClient);
    }

    /**
     * Takes one call of {@code clientId}'s allowance.
     *
     * @throws RateLimitedException when the client called too often in the current window
     * @throws dev.wxgate.domain.StoreUnavailableException when the store that counts cannot be reached
     */
    public void admit(String clientId) {
        RateLimit limit = perClient.getOrDefault(clientId, defaultLimit);
        limiter.tryAcquire("internal:client:" + clientId, limit).ifPresent(wait -> {
            throw new RateLimitedException("too many internal API requests from client " + clientId, wait);
        });
    }

    /** The limit {@code clientId} has. */
    public RateLimit limitOf(String clientId) {
        return perClient.getOrDefault(clientId, defaultLimit);
    }
}
