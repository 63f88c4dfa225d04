package dev.wxgate.bootstrap;

import dev.wxgate.adapters.delivery.webhook.WebhookAlertSink;
import dev.wxgate.adapters.delivery.webhook.WebhookPushSink;
import dev.wxgate.adapters.persistence.RedisStore;
import dev.wxgate.adapters.persistence.alert.InMemoryAlertStates;
import dev.wxgate.adapters.persistence.alert.RedissonAlertStates;
import dev.wxgate.application.alert.AlertConditions;
import dev.wxgate.application.alert.AlertPolicy;
import dev.wxgate.application.alert.AlertThresholds;
import dev.wxgate.application.alert.CheckAlerts;
import dev.wxgate.application.delivery.Backoff;
import dev.wxgate.application.token.TokenSettings;
import dev.wxgate.application.token.ViewTicketStatus;
import dev.wxgate.application.token.ViewTokenStatus;
import dev.wxgate.domain.StoreUnavailableException;
import dev.wxgate.domain.alert.AlertStates;
import dev.wxgate.domain.delivery.PushOutbox;
import java.net.URI;
import java.net.URISyntaxException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/**
 * Alerts (issue 18), on when {@code wxgate.alerts.webhook.url} is set: every node checks the conditions every
 * {@code check-interval} ({@link CheckAlerts}), the alert states live in the store (memory, or Redis for the cluster,
 * so one node sends each message), and messages go to the signed alert webhook ({@link WebhookAlertSink}).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty("wxgate.alerts.webhook.url")
class AlertsConfiguration {
    private static final Logger log = LoggerFactory.getLogger(AlertsConfiguration.class);
    /** Resolved once no node has seen the condition for this many check intervals. */
    static final int STALE_INTERVALS = 3;
    /** Messages kept per alert while the receiver is down. */
    static final int MAX_OUTBOX = 50;

    /** Shared by the cluster with {@code wxgate.store=redis} (the {@link RedisStore} exists only then). */
    @Bean
    AlertStates alertStates(ObjectProvider<RedisStore> redis, WxgateProperties properties) {
        RedisStore store = redis.getIfAvailable();
        return store == null
                ? new InMemoryAlertStates()
                : new RedissonAlertStates(store, properties.redis().keyPrefix());
    }

    @Bean
    WebhookAlertSink webhookAlertSink(AlertProperties alerts, Clock clock) {
        AlertProperties.Webhook webhook = alerts.webhook();
        URI url = url(webhook.url());
        if (webhook.secret() == null || webhook.secret().length() < 16) {
            throw new InvalidSettingException(
                    "wxgate.alerts.webhook.secret", "required with an alert webhook, at least 16 characters");
        }
        Duration connect =
                alerts.timeout().compareTo(Duration.ofSeconds(3)) < 0 ? alerts.timeout() : Duration.ofSeconds(3);
        return new WebhookAlertSink(
                url,
                webhook.secret(),
                WebhookPushSink.httpClient(connect),
                JsonMapper.builder().build(),
                clock);
    }

    private static URI url(String url) {
        try {
            URI parsed = new URI(url.trim());
            String scheme = parsed.getScheme();
            if (scheme != null
                    && (scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
                    && parsed.getHost() != null) {
                return parsed;
            }
        } catch (URISyntaxException notAUrl) {
            // Told below, without echoing the value (it may hold credentials).
        }
        throw new InvalidSettingException("wxgate.alerts.webhook.url", "must be an absolute http or https URL");
    }

    @Bean
    CheckAlerts checkAlerts(
            AlertProperties alerts,
            AlertStates alertStates,
            WebhookAlertSink webhookAlertSink,
            ViewTokenStatus viewTokenStatus,
            ViewTicketStatus viewTicketStatus,
            PushOutbox pushOutbox,
            TokenSettings tokenSettings,
            Clock clock) {
        try {
            AlertConditions conditions = new AlertConditions(
                    viewTokenStatus::all,
                    viewTicketStatus::all,
                    pushOutbox::depth,
                    new AlertThresholds(alerts.quotaPercent(), alerts.refreshFailures(), alerts.backlogThreshold()));
            AlertPolicy policy = new AlertPolicy(
                    tokenSettings.nodeId(),
                    alerts.repeatInterval(),
                    alerts.checkInterval().multipliedBy(STALE_INTERVALS),
                    alerts.timeout().multipliedBy(3),
                    alerts.timeout(),
                    new Backoff(alerts.backoffBase(), alerts.backoffCap(), new SecureRandom()),
                    MAX_OUTBOX);
            return new CheckAlerts(conditions, alertStates, webhookAlertSink, policy, clock);
        } catch (IllegalArgumentException invalid) {
            throw new InvalidSettingException("wxgate.alerts", invalid.getMessage(), invalid);
        }
    }

    /** Every node checks; the shared states make one of them record each change and send each message. */
    @Bean
    PeriodicTask alertChecker(AlertProperties alerts, CheckAlerts checkAlerts, WebhookAlertSink webhookAlertSink) {
        log.info(
                "alerts: checking every {}, messages to {} (path and query not shown)",
                alerts.checkInterval(),
                webhookAlertSink.target());
        return new PeriodicTask(
                "wxgate-alerts", "wxgate.alerts.check-interval", alerts.checkInterval(), alerts.checkInterval(), () -> {
                    try {
                        checkAlerts.check();
                    } catch (StoreUnavailableException unavailable) {
                        log.warn("alerts: the alert states are unavailable: {}", unavailable.getMessage());
                    }
                });
    }
}
