package dev.wxgate.application.login;

import dev.wxgate.domain.ratelimit.RateLimiter.RateLimit;
import java.time.Duration;

/**
 * How often logins may come: per client IP (a scripted attacker) and per app (a runaway client release).
 *
 * @param perClientIp logins one client address may make
 * @param perApp logins one app may receive, all clients together
 */
public record LoginLimits(RateLimit perClientIp, RateLimit perApp) {
    public static final LoginLimits DEFAULTS =
            new LoginLimits(new RateLimit(120, Duration.ofMinutes(1)), new RateLimit(100_000, Duration.ofMinutes(1)));
}
