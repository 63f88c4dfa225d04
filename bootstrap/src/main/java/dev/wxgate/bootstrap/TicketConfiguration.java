package dev.wxgate.bootstrap;

import dev.wxgate.adapters.web.jssdk.JsSdkApiConfiguration;
import dev.wxgate.adapters.wechat.WechatApiTicketSource;
import dev.wxgate.adapters.wechat.WechatHttp;
import dev.wxgate.application.jssdk.JsSdkDomains;
import dev.wxgate.application.jssdk.SignJsSdkConfig;
import dev.wxgate.application.jssdk.SignPageJsSdkConfig;
import dev.wxgate.application.token.GetTicket;
import dev.wxgate.application.token.RefreshTicketsAheadOfExpiry;
import dev.wxgate.application.token.ReportInvalidTicket;
import dev.wxgate.application.token.TicketStores;
import dev.wxgate.application.token.TicketUseCases;
import dev.wxgate.application.token.TokenSettings;
import dev.wxgate.application.token.ViewTicketStatus;
import dev.wxgate.application.token.WithAccessToken;
import dev.wxgate.domain.app.AppId;
import dev.wxgate.domain.app.AppType;
import dev.wxgate.domain.app.WechatApp;
import dev.wxgate.domain.app.WechatApps;
import dev.wxgate.domain.audit.AuditLog;
import dev.wxgate.domain.ratelimit.RateLimiter;
import dev.wxgate.domain.ratelimit.RateLimiter.RateLimit;
import dev.wxgate.domain.token.CredentialQuota;
import dev.wxgate.domain.token.TicketSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * The official accounts' JS-SDK side of the token server: the tickets ({@code jsapi}, {@code wx_card}) kept like the
 * access_token, with the token server's settings and its refresh executor; the {@code wx.config} signatures, for
 * backends (internal API) and for pages ({@code /api/v1/jssdk-config}, under the JS-safe domains); the tickets'
 * refresh-ahead and metrics. The stores and the quota come from the store's configuration (memory or Redis).
 */
@Configuration(proxyBeanMethods = false)
@Import(JsSdkApiConfiguration.class)
class TicketConfiguration {
    private static final Logger log = LoggerFactory.getLogger(TicketConfiguration.class);
    /** What the built-in sandbox's official accounts accept as JS-safe domains: pages served from this machine. */
    static final List<String> SANDBOX_DOMAINS = List.of("127.0.0.1", "localhost");

    @Bean
    TicketSource ticketSource(WechatHttp http, Clock clock) {
        return new WechatApiTicketSource(http, clock);
    }

    @Bean
    TicketMetrics ticketMetrics(MeterRegistry registry, WechatApps apps, Clock clock) {
        return new TicketMetrics(registry, apps, clock);
    }

    @Bean
    MeterBinder ticketStatusGauges(TicketMetrics metrics, ViewTicketStatus status) {
        return registry -> metrics.gauges(registry, status);
    }

    @Bean
    TicketUseCases ticketUseCases(
            WxgateProperties properties,
            TokenSettings tokenSettings,
            WechatApps apps,
            TicketSource ticketSource,
            WithAccessToken withAccessToken,
            TicketStores stores,
            CredentialQuota ticketQuota,
            AuditLog audit,
            TicketMetrics metrics,
            Clock clock,
            ExecutorService tokenRefreshExecutor) {
        TokenSettings settings =
                tokenSettings.withDailyQuota(properties.tickets().dailyQuota());
        return TicketUseCases.create(
                apps,
                metrics.timed(ticketSource),
                withAccessToken,
                stores,
                ticketQuota,
                audit,
                metrics.events(),
                settings,
                clock,
                tokenRefreshExecutor);
    }

    @Bean
    GetTicket getTicket(TicketUseCases useCases) {
        return useCases.getTicket();
    }

    @Bean
    ReportInvalidTicket reportInvalidTicket(TicketUseCases useCases) {
        return useCases.reportInvalidTicket();
    }

    @Bean
    ViewTicketStatus viewTicketStatus(TicketUseCases useCases) {
        return useCases.viewTicketStatus();
    }

    @Bean
    RefreshTicketsAheadOfExpiry refreshTicketsAheadOfExpiry(TicketUseCases useCases) {
        return useCases.refreshTicketsAheadOfExpiry();
    }

    @Bean
    PeriodicTask ticketRefreshAheadScheduler(RefreshTicketsAheadOfExpiry refreshAhead, WxgateProperties properties) {
        return new PeriodicTask(
                "wxgate-ticket-refresh-ahead",
                "wxgate.token.check-interval",
                properties.token().checkInterval(),
                properties.token().checkInterval(),
                refreshAhead::refreshDue);
    }

    /**
     * Each official account's JS-safe domains, from {@code wxgate.apps[N].jssdk.domains}; with no app configured (the
     * built-in sandbox's apps), {@code 127.0.0.1} and {@code localhost}.
     */
    @Bean
    JsSdkDomains jsSdkDomains(WxgateProperties properties, WechatApps apps) {
        Map<AppId, List<String>> domains = new LinkedHashMap<>();
        if (properties.apps().isEmpty()) {
            for (WechatApp app : apps.all()) {
                if (app.type() == AppType.OFFICIAL_ACCOUNT) {
                    domains.put(app.appId(), SANDBOX_DOMAINS);
                }
            }
        } else {
            List<WxgateProperties.App> configured = properties.apps();
            for (int i = 0; i < configured.size(); i++) {
                WxgateProperties.App app = configured.get(i);
                List<String> hosts =
                        app.jssdk() == null ? List.of() : app.jssdk().domains();
                if (hosts.isEmpty()) {
                    continue;
                }
                if (app.type() != AppType.OFFICIAL_ACCOUNT) {
                    throw new InvalidSettingException(
                            "wxgate.apps[" + i + "].jssdk.domains",
                            "only official accounts have"
                                    + " JS-safe domains; app " + app.appId() + " is a "
                                    + app.type().displayName());
                }
                domains.put(AppId.of(app.appId()), hosts);
            }
        }
        try {
            JsSdkDomains parsed = new JsSdkDomains(domains);
            domains.keySet().forEach(app -> log.info("JS-SDK: app {} signs pages on {}", app, parsed.of(app)));
            return parsed;
        } catch (IllegalArgumentException invalid) {
            throw new InvalidSettingException("wxgate.apps[].jssdk.domains", invalid.getMessage(), invalid);
        }
    }

    @Bean
    SignJsSdkConfig signJsSdkConfig(GetTicket getTicket, Clock clock) {
        return new SignJsSdkConfig(getTicket, clock, new SecureRandom());
    }

    @Bean
    SignPageJsSdkConfig signPageJsSdkConfig(
            WechatApps apps,
            SignJsSdkConfig sign,
            JsSdkDomains domains,
            RateLimiter rateLimiter,
            WxgateProperties properties) {
        WxgateProperties.JsSdk jssdk = properties.jssdk();
        return new SignPageJsSdkConfig(
                apps, sign, domains, rateLimiter, new RateLimit(jssdk.perClientIp(), jssdk.period()));
    }
}
