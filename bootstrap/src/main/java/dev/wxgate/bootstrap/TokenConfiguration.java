package dev.wxgate.bootstrap;

import dev.wxgate.adapters.persistence.audit.MyBatisAuditLog;
import dev.wxgate.adapters.web.internal.InternalApiConfiguration;
import dev.wxgate.adapters.web.internal.InternalClient;
import dev.wxgate.adapters.web.internal.InternalClients;
import dev.wxgate.application.token.AccessTokenUseCases;
import dev.wxgate.application.token.ClearQuota;
import dev.wxgate.application.token.CredentialEvents;
import dev.wxgate.application.token.ForceRefreshAccessToken;
import dev.wxgate.application.token.GetAccessToken;
import dev.wxgate.application.token.RefreshAheadOfExpiry;
import dev.wxgate.application.token.ReportInvalidAccessToken;
import dev.wxgate.application.token.TokenSettings;
import dev.wxgate.application.token.ViewTokenStatus;
import dev.wxgate.application.token.WithAccessToken;
import dev.wxgate.domain.app.AppId;
import dev.wxgate.domain.app.WechatApps;
import dev.wxgate.domain.audit.AuditLog;
import dev.wxgate.domain.token.ApiQuotaReset;
import dev.wxgate.domain.token.DailyQuotas;
import dev.wxgate.domain.token.QuotaClears;
import dev.wxgate.domain.token.TokenQuota;
import dev.wxgate.domain.token.TokenSource;
import dev.wxgate.domain.token.TokenStore;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.lang.management.ManagementFactory;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.ibatis.session.SqlSessionFactory;
import org.redisson.spring.starter.RedissonAutoConfigurationCustomizer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * The central access_token server: the audit log, the use cases (created here with {@code new}), the refresh-ahead scheduler, the internal API and its clients, and the
 * metrics. Its store and quota come from the store's configuration (memory or Redis, per {@code wxgate.store}).
 */
@Configuration(proxyBeanMethods = false)
@Import(InternalApiConfiguration.class)
class TokenConfiguration {
    private static final Logger log = LoggerFactory.getLogger(TokenConfiguration.class);

    /** The lease of a refresh lock whose holder died; Redisson renews a live holder's lease a third of it ahead. */
    @Bean
    RedissonAutoConfigurationCustomizer tokenLockLease(WxgateProperties properties) {
        return config ->
                config.setLockWatchdogTimeout(properties.token().lockLease().toMillis());
    }

    @Bean
    AuditLog auditLog(SqlSessionFactory sqlSessionFactory) {
        return new MyBatisAuditLog(sqlSessionFactory);
    }

    /**
     * Refreshes run here, so a caller's wait stays bounded however slow WeChat is. At shutdown a refresh under way
     * finishes (WeChat's read timeout bounds it) and releases its cluster lock, rather than being interrupted.
     */
    @Bean(destroyMethod = "close")
    ExecutorService tokenRefreshExecutor() {
        return Executors.newThreadPerTaskExecutor(
                Thread.ofVirtual().name("wxgate-token-refresh-", 0).factory());
    }

    @Bean
    TokenMetrics tokenMetrics(MeterRegistry registry, WechatApps apps, TokenStore store, Clock clock) {
        return new TokenMetrics(registry, apps, store, clock);
    }

    @Bean
    MeterBinder tokenStatusGauges(TokenMetrics metrics, ViewTokenStatus status) {
        return registry -> metrics.gauges(registry, status);
    }

    /** The token server's settings, this node's name among them (the tickets use them too, with their own quota). */
    @Bean
    TokenSettings tokenSettings(WxgateProperties properties, DailyQuotas dailyQuotas) {
        WxgateProperties.Token token = properties.token();
        return new TokenSettings(
                nodeName(),
                token.refreshMargin(),
                token.lockWait(),
                token.maxWait(),
                token.failureBackoff(),
                token.credentialsBackoff(),
                dailyQuotas.classic());
    }

    /**
     * Each app's daily quota of token calls: {@code wxgate.apps[N].daily-quota}, else WeChat's for its mode. The old
     * global {@code wxgate.token.daily-quota} still sets the classic-mode figure, with a warning that it is deprecated.
     */
    @Bean
    DailyQuotas dailyQuotas(WxgateProperties properties) {
        Long legacy = properties.token().dailyQuota();
        if (legacy != null && legacy < 1) {
            throw new InvalidSettingException("wxgate.token.daily-quota", "must be a positive number of calls a day");
        }
        if (legacy != null) {
            log.warn(
                    "wxgate.token.daily-quota is deprecated: it now sets the daily quota of classic-mode apps only"
                            + " ({} instead of WeChat's {}); stable-mode apps keep WeChat's {}. Set wxgate.apps[N].daily-quota"
                            + " per app instead",
                    legacy,
                    DailyQuotas.WECHAT_CLASSIC,
                    DailyQuotas.WECHAT_STABLE);
        }
        Map<AppId, Long> perApp = new HashMap<>();
        for (WxgateProperties.App app : properties.apps()) {
            if (app.dailyQuota() != null && app.appId() != null) {
                // WechatAppsConfiguration has checked the entry; an id that does not parse failed start-up there.
                perApp.put(AppId.of(app.appId()), app.dailyQuota());
            }
        }
        return new DailyQuotas(legacy != null ? legacy : DailyQuotas.WECHAT_CLASSIC, DailyQuotas.WECHAT_STABLE, perApp);
    }

    @Bean
    AccessTokenUseCases accessTokenUseCases(
            WxgateProperties properties,
            TokenSettings settings,
            WechatApps apps,
            TokenSource tokenSource,
            TokenStore store,
            TokenQuota quota,
            DailyQuotas dailyQuotas,
            AuditLog audit,
            TokenMetrics metrics,
            Clock clock,
            ExecutorService tokenRefreshExecutor) {
        log.info(
                "access_token server: node {}, store {}",
                settings.nodeId(),
                properties.store().name().toLowerCase());
        CredentialEvents events = metrics.events();
        return AccessTokenUseCases.create(
                apps,
                metrics.timed(tokenSource),
                store,
                quota,
                dailyQuotas,
                audit,
                events,
                settings,
                clock,
                tokenRefreshExecutor);
    }

    /** clear_quota from the console, on this node's refresher; the store counts the month's clears cluster-wide. */
    @Bean
    ClearQuota clearQuota(
            AccessTokenUseCases useCases, WechatApps apps, ApiQuotaReset reset, QuotaClears clears, AuditLog audit) {
        return useCases.clearQuota(apps, reset, clears, audit);
    }

    @Bean
    GetAccessToken getAccessToken(AccessTokenUseCases useCases) {
        return useCases.getAccessToken();
    }

    @Bean
    ReportInvalidAccessToken reportInvalidAccessToken(AccessTokenUseCases useCases) {
        return useCases.reportInvalidAccessToken();
    }

    @Bean
    ForceRefreshAccessToken forceRefreshAccessToken(AccessTokenUseCases useCases) {
        return useCases.forceRefreshAccessToken();
    }

    @Bean
    ViewTokenStatus viewTokenStatus(AccessTokenUseCases useCases) {
        return useCases.viewTokenStatus();
    }

    @Bean
    WithAccessToken withAccessToken(AccessTokenUseCases useCases) {
        return useCases.withAccessToken();
    }

    @Bean
    RefreshAheadOfExpiry refreshAheadOfExpiry(AccessTokenUseCases useCases) {
        return useCases.refreshAheadOfExpiry();
    }

    @Bean
    RefreshAheadScheduler refreshAheadScheduler(RefreshAheadOfExpiry refreshAhead, WxgateProperties properties) {
        return new RefreshAheadScheduler(refreshAhead, properties.token().checkInterval());
    }

    @Bean
    InternalClients internalClients(WxgateProperties properties, WechatApps apps, Clock clock) {
        List<InternalClient> clients = new ArrayList<>();
        List<WxgateProperties.Client> configured = properties.clients();
        for (int i = 0; i < configured.size(); i++) {
            clients.add(toClient(configured.get(i), apps, "wxgate.clients[" + i + "]"));
        }
        if (clients.isEmpty()) {
            log.info("no wxgate.clients configured: the internal access-token API refuses every call");
        }
        try {
            InternalClients internal = new InternalClients(clients, clock);
            KeyRotationConfiguration.warnAtStart(internal, clock);
            return internal;
        } catch (IllegalArgumentException invalid) {
            throw new InvalidSettingException("wxgate.clients", invalid.getMessage(), invalid);
        }
    }

    private static InternalClient toClient(WxgateProperties.Client client, WechatApps apps, String path) {
        InternalClient parsed;
        try {
            parsed = InternalClient.of(client.id(), KeyRotationConfiguration.keys(client, path), client.apps());
        } catch (IllegalArgumentException invalid) {
            // The messages name the field and never echo the value.
            throw new InvalidSettingException(path, invalid.getMessage(), invalid);
        }
        for (AppId appId : parsed.apps()) {
            if (apps.find(appId).isEmpty()) {
                throw new InvalidSettingException(path + ".apps", appId + " is not one of the apps wxgate serves");
            }
        }
        return parsed;
    }

    /** host/pid/random: unique per process (and per context, for tests that run several nodes in one JVM). */
    static String nodeName() {
        String runtime = ManagementFactory.getRuntimeMXBean().getName(); // pid@host
        int at = runtime.indexOf('@');
        String host = at >= 0 ? runtime.substring(at + 1) : "localhost";
        String pid = Long.toString(ProcessHandle.current().pid());
        byte[] random = new byte[2];
        new SecureRandom().nextBytes(random);
        String name = host.replaceAll("[^\\x21-\\x7e]", "") + "/" + pid + "/"
                + HexFormat.of().formatHex(random);
        return name.length() <= 128 ? name : name.substring(name.length() - 128);
    }
}
