package dev.wxgate.bootstrap;

import dev.wxgate.adapters.persistence.token.RedissonTokenStore;
import dev.wxgate.application.token.CredentialEvents;
import dev.wxgate.application.token.RefreshAttempt;
import dev.wxgate.application.token.TokenStatus;
import dev.wxgate.application.token.ViewTokenStatus;
import dev.wxgate.domain.app.AppId;
import dev.wxgate.domain.app.WechatApp;
import dev.wxgate.domain.app.WechatApps;
import dev.wxgate.domain.token.CredentialKey;
import dev.wxgate.domain.token.QuotaUsage;
import dev.wxgate.domain.token.TokenSource;
import dev.wxgate.domain.token.TokenStore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * The token server's metrics (Micrometer, so {@code /actuator/prometheus}):
 *
 * <ul>
 *   <li>{@code wxgate.token.refreshes} (app, outcome): refresh attempts by how they ended;
 *   <li>{@code wxgate.token.upstream} (app, mode, outcome): latency of WeChat's token endpoints;
 *   <li>{@code wxgate.token.quota.used}, {@code wxgate.token.quota.limit} (app): today's token calls and the daily
 *       quota, and {@code wxgate.token.quota.warnings} (app) counting the 80 % warnings;
 *   <li>{@code wxgate.token.force.remaining} (app, stable mode): forced refreshes left today;
 *   <li>{@code wxgate.token.expires.in} (app): seconds the stored token has left (negative once expired);
 *   <li>{@code wxgate.token.near.cache} (result=hit|miss|outage): reads answered by this node's near cache, that went
 *       to Redis, or that the near cache answered because Redis was unreachable (Redis store).
 * </ul>
 */
final class TokenMetrics {
    private final MeterRegistry registry;
    private final WechatApps apps;
    private final Clock clock;

    TokenMetrics(MeterRegistry registry, WechatApps apps, TokenStore store, Clock clock) {
        this.registry = registry;
        this.apps = apps;
        this.clock = clock;
        if (store instanceof RedissonTokenStore redis) {
            FunctionCounter.builder("wxgate.token.near.cache", redis, RedissonTokenStore::nearCacheHits)
                    .tag("result", "hit")
                    .description("token reads answered by this node's near cache")
                    .register(registry);
            FunctionCounter.builder("wxgate.token.near.cache", redis, RedissonTokenStore::nearCacheMisses)
                    .tag("result", "miss")
                    .description("token reads that went to Redis")
                    .register(registry);
            FunctionCounter.builder("wxgate.token.near.cache", redis, RedissonTokenStore::nearCacheOutageHits)
                    .tag("result", "outage")
                    .description("token reads answered by the near cache because Redis was unreachable")
                    .register(registry);
        }
    }

    CredentialEvents events() {
        return new CredentialEvents() {
            @Override
            public void refresh(CredentialKey key, RefreshAttempt attempt) {
                Counter.builder("wxgate.token.refreshes")
                        .description("access_token refresh attempts by outcome")
                        .tag("app", key.owner().value())
                        .tag("outcome", attempt.tag())
                        .register(registry)
                        .increment();
            }

            @Override
            public void quotaWarning(CredentialKey key, QuotaUsage usage, long dailyQuota) {
                Counter.builder("wxgate.token.quota.warnings")
                        .description("times an app's token calls reached 80 % of the daily quota")
                        .tag("app", key.owner().value())
                        .register(registry)
                        .increment();
            }
        };
    }

    /** {@code source}, timed per call. */
    TokenSource timed(TokenSource source) {
        UpstreamTimer timer =
                new UpstreamTimer(registry, "wxgate.token.upstream", "latency of WeChat's token endpoints");
        return (app, forceRefresh) -> timer.time(
                () -> source.fetch(app, forceRefresh),
                "app",
                app.appId().value(),
                "mode",
                app.tokenMode().name().toLowerCase(Locale.ROOT));
    }

    /** Gauges read at each scrape; NaN when the store cannot be read. */
    void gauges(MeterRegistry target, ViewTokenStatus status) {
        // Website apps have no access_token: no gauge rather than one that is NaN forever.
        for (WechatApp app : apps.withAccessToken()) {
            AppId appId = app.appId();
            gauge(target, "wxgate.token.quota.used", "token calls made today", status, appId, s -> s.today()
                    .calls());
            gauge(
                    target,
                    "wxgate.token.quota.limit",
                    "token calls WeChat allows a day",
                    status,
                    appId,
                    TokenStatus::dailyQuota);
            gauge(target, "wxgate.token.expires.in", "seconds the stored token has left", status, appId, s -> s.token()
                    .map(t -> (t.expiresAt().toEpochMilli() - clock.millis()) / 1000.0)
                    .orElse(Double.NaN));
            gauge(
                    target,
                    "wxgate.token.force.remaining",
                    "forced refreshes left today (stable mode)",
                    status,
                    appId,
                    s -> s.forcedRefreshesLeft().isPresent()
                            ? s.forcedRefreshesLeft().getAsInt()
                            : Double.NaN);
        }
    }

    private static void gauge(
            MeterRegistry target,
            String name,
            String description,
            ViewTokenStatus status,
            AppId appId,
            ToDoubleFunction<TokenStatus> value) {
        Gauge.builder(name, status, view -> {
                    try {
                        return value.applyAsDouble(view.of(appId));
                    } catch (RuntimeException unreadable) {
                        return Double.NaN;
                    }
                })
                .description(description)
                .tag("app", appId.value())
                .register(target);
    }
}
