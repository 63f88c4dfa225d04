package dev.wxgate.bootstrap;

import dev.wxgate.application.token.CredentialEvents;
import dev.wxgate.application.token.RefreshAttempt;
import dev.wxgate.application.token.TicketStatus;
import dev.wxgate.application.token.ViewTicketStatus;
import dev.wxgate.domain.app.AppId;
import dev.wxgate.domain.app.AppType;
import dev.wxgate.domain.app.WechatApp;
import dev.wxgate.domain.app.WechatApps;
import dev.wxgate.domain.token.CredentialKey;
import dev.wxgate.domain.token.QuotaUsage;
import dev.wxgate.domain.token.TicketSource;
import dev.wxgate.domain.token.TicketType;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.function.ToDoubleFunction;

/**
 * The JS-SDK tickets' metrics, beside the access_token's ({@link TokenMetrics}), tagged with the ticket type:
 *
 * <ul>
 *   <li>{@code wxgate.ticket.refreshes} (app, type, outcome): refresh attempts by how they ended;
 *   <li>{@code wxgate.ticket.upstream} (app, type, outcome): latency of WeChat's getticket;
 *   <li>{@code wxgate.ticket.quota.used}, {@code wxgate.ticket.quota.limit} (app, type): today's getticket calls and
 *       the daily quota, and {@code wxgate.ticket.quota.warnings} (app, type) counting the 80 % warnings;
 *   <li>{@code wxgate.ticket.expires.in} (app, type): seconds the stored ticket has left (negative once expired).
 * </ul>
 */
final class TicketMetrics {
    private final MeterRegistry registry;
    private final WechatApps apps;
    private final Clock clock;

    TicketMetrics(MeterRegistry registry, WechatApps apps, Clock clock) {
        this.registry = registry;
        this.apps = apps;
        this.clock = clock;
    }

    CredentialEvents events() {
        return new CredentialEvents() {
            @Override
            public void refresh(CredentialKey key, RefreshAttempt attempt) {
                Counter.builder("wxgate.ticket.refreshes")
                        .description("JS-SDK ticket refresh attempts by outcome")
                        .tag("app", key.owner().value())
                        .tag("type", type(key))
                        .tag("outcome", attempt.tag())
                        .register(registry)
                        .increment();
            }

            @Override
            public void quotaWarning(CredentialKey key, QuotaUsage usage, long dailyQuota) {
                Counter.builder("wxgate.ticket.quota.warnings")
                        .description("times an account's getticket calls reached 80 % of the daily quota")
                        .tag("app", key.owner().value())
                        .tag("type", type(key))
                        .register(registry)
                        .increment();
            }
        };
    }

    private static String type(CredentialKey key) {
        return TicketType.of(key.kind())
                .map(TicketType::wireName)
                .orElse(key.kind().label());
    }

    /** {@code source}, timed per call. */
    TicketSource timed(TicketSource source) {
        UpstreamTimer timer = new UpstreamTimer(registry, "wxgate.ticket.upstream", "latency of WeChat's getticket");
        return (app, accessToken, type) -> timer.time(
                () -> source.fetch(app, accessToken, type), "app", app.appId().value(), "type", type.wireName());
    }

    /** Gauges read at each scrape, for every official account's two tickets; NaN when the store cannot be read. */
    void gauges(MeterRegistry target, ViewTicketStatus status) {
        for (WechatApp app : apps.all()) {
            if (app.type() != AppType.OFFICIAL_ACCOUNT) {
                continue;
            }
            for (TicketType type : TicketType.values()) {
                AppId appId = app.appId();
                gauge(
                        target,
                        "wxgate.ticket.quota.used",
                        "getticket calls made today",
                        status,
                        appId,
                        type,
                        s -> s.today().calls());
                gauge(
                        target,
                        "wxgate.ticket.quota.limit",
                        "getticket calls WeChat allows a day",
                        status,
                        appId,
                        type,
                        TicketStatus::dailyQuota);
                gauge(
                        target,
                        "wxgate.ticket.expires.in",
                        "seconds the stored ticket has left",
                        status,
                        appId,
                        type,
                        s -> s.ticket()
                                .map(t -> (t.expiresAt().toEpochMilli() - clock.millis()) / 1000.0)
                                .orElse(Double.NaN));
            }
        }
    }

    private static void gauge(
            MeterRegistry target,
            String name,
            String description,
            ViewTicketStatus status,
            AppId appId,
            TicketType type,
            ToDoubleFunction<TicketStatus> value) {
        Gauge.builder(name, status, view -> {
                    try {
                        return value.applyAsDouble(view.of(appId, type));
                    } catch (RuntimeException unreadable) {
                        return Double.NaN;
                    }
                })
                .description(description)
                .tag("app", appId.value())
                .tag("type", type.wireName())
                .register(target);
    }
}
