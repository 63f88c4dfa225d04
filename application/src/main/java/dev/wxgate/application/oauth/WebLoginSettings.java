package dev.wxgate.application.oauth;

import dev.wxgate.domain.app.AppId;
import dev.wxgate.domain.oauth.AllowedOrigins;
import dev.wxgate.domain.ratelimit.RateLimiter.RateLimit;
import java.time.Duration;
import java.util.Map;

/**
 * How web logins run: how long a {@code state} and a handoff code are good, how
 * often one client may start logins and exchange codes, and where each app may send the browser back.
 *
 * @param stateLifetime how long the browser has to come back from WeChat
 * @param handoffLifetime how long the page has to exchange its handoff code
 * @param perClientIp web logins started, and handoff codes exchanged, by one client address per period
 * @param origins each app's allowed origins; an app not listed takes no web login
 */
public record WebLoginSettings(
        Duration stateLifetime, Duration handoffLifetime, RateLimit perClientIp, Map<AppId, AllowedOrigins> origins) {

    /** How much longer than its validity an entry is kept, so a late or replayed use is told from a forged one. */
    static final Duration RETENTION = Duration.ofMinutes(10);

    public WebLoginSettings {
        requirePositive(stateLifetime, "stateLifetime");
        requirePositive(handoffLifetime, "handoffLifetime");
        if (perClientIp == null) {
            throw new IllegalArgumentException("perClientIp is required");
        }
        origins = Map.copyOf(origins);
    }

    public AllowedOrigins originsOf(AppId appId) {
        return origins.getOrDefault(appId, AllowedOrigins.NONE);
    }

    private static void requirePositive(Duration duration, String field) {
        if (duration == null || duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(field + " must be positive");
        }
    }
}
