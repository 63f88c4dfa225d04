package dev.wxgate.bootstrap;

import dev.wxgate.adapters.delivery.DeliveryBody;
import dev.wxgate.adapters.delivery.webhook.WebhookPushSink;
import dev.wxgate.adapters.delivery.webhook.WebhookReplies;
import dev.wxgate.adapters.persistence.delivery.MyBatisPushOutbox;
import dev.wxgate.application.delivery.Backoff;
import dev.wxgate.application.delivery.DeliverDuePushes;
import dev.wxgate.application.delivery.DeliverHeldPushes;
import dev.wxgate.application.delivery.DeliveryEvents;
import dev.wxgate.application.delivery.DeliveryPolicy;
import dev.wxgate.application.delivery.PurgeDeliveredPushes;
import dev.wxgate.application.delivery.TakePush;
import dev.wxgate.domain.StoreUnavailableException;
import dev.wxgate.domain.app.AppId;
import dev.wxgate.domain.callback.CallbackWire;
import dev.wxgate.domain.delivery.ForwardSettings;
import dev.wxgate.domain.delivery.Forwarding;
import dev.wxgate.domain.delivery.PushOutbox;
import dev.wxgate.domain.delivery.PushSink;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.apache.ibatis.session.SqlSessionFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;
import tools.jackson.databind.json.JsonMapper;

/**
 * Push delivery (issue 15): each app's forward settings ({@code wxgate.apps[N].forward.*}) as the domain's
 * {@link Forwarding}, the outbox in the database (both store modes), the webhook sink, the step that stores a push
 * before WeChat is answered ({@link TakePush}, used by the callback's use case), and on every node a worker that
 * delivers due pushes through every {@link PushSink} bean (the webhook here; RabbitMQ from its own configuration) and
 * a purge of pushes delivered everywhere longer ago than the retention.
 */
@Configuration(proxyBeanMethods = false)
class DeliveryConfiguration {
    private static final Logger log = LoggerFactory.getLogger(DeliveryConfiguration.class);
    /** How often each node purges: the retention is days, so a few minutes late is nothing. */
    static final Duration PURGE_INTERVAL = Duration.ofMinutes(10);
    /** Pushes removed per transaction: small enough to keep each one's locks short. */
    static final int PURGE_BATCH = 500;

    @Bean
    Forwarding forwarding(WxgateProperties properties) {
        Map<AppId, ForwardSettings> byApp = new LinkedHashMap<>();
        List<WxgateProperties.App> apps = properties.apps();
        for (int i = 0; i < apps.size(); i++) {
            WxgateProperties.App app = apps.get(i);
            if (app.forward() != null) {
                // The app id itself was checked by WechatAppsConfiguration, which names it first.
                byApp.put(AppId.of(app.appId()), toDomain(app.forward(), "wxgate.apps[" + i + "].forward"));
            }
        }
        return new Forwarding(byApp);
    }

    /** Fails start-up on a bad entry, naming the property; the domain's messages never echo a value. */
    static ForwardSettings toDomain(WxgateProperties.Forward forward, String path) {
        try {
            Optional<ForwardSettings.Webhook> webhook = Optional.empty();
            if (forward.url() != null) {
                webhook = Optional.of(new ForwardSettings.Webhook(url(forward.url()), forward.secret()));
            } else if (forward.secret() != null) {
                throw new IllegalArgumentException("forward.secret is set but forward.url is not");
            }
            return new ForwardSettings(
                    webhook,
                    forward.rabbitmq(),
                    forward.replies() ? Optional.of(forward.replyTimeout()) : Optional.empty());
        } catch (IllegalArgumentException invalid) {
            throw InvalidSettingException.refused(path, invalid);
        }
    }

    private static URI url(String url) {
        try {
            return new URI(url.trim());
        } catch (java.net.URISyntaxException notAUrl) {
            throw new IllegalArgumentException("forward.url must be an absolute http or https URL");
        }
    }

    @Bean
    PushOutbox pushOutbox(SqlSessionFactory sqlSessionFactory, PlatformTransactionManager transactionManager) {
        return new MyBatisPushOutbox(sqlSessionFactory, transactionManager);
    }

    @Bean
    DeliveryPolicy deliveryPolicy(DeliveryProperties delivery) {
        if (delivery.workerThreads() < 1) {
            throw new InvalidSettingException("wxgate.delivery.worker-threads", "must be at least 1");
        }
        // A batch's attempts run worker-threads at a time: this many rounds of attempt-timeout at worst.
        long rounds = (delivery.batchSize() + delivery.workerThreads() - 1L) / delivery.workerThreads();
        if (delivery.lease().compareTo(delivery.attemptTimeout().multipliedBy(rounds)) <= 0) {
            throw new InvalidSettingException(
                    "wxgate.delivery.lease",
                    "must be longer than attempt-timeout × ceil(batch-size / worker-threads), the longest a batch's"
                            + " attempts take; otherwise another node attempts a delivery still in progress");
        }
        String node = delivery.nodeName().isBlank() ? TokenConfiguration.nodeName() : delivery.nodeName();
        try {
            return new DeliveryPolicy(
                    node,
                    delivery.batchSize(),
                    delivery.lease(),
                    delivery.attemptTimeout(),
                    delivery.maxAge(),
                    new Backoff(delivery.backoffBase(), delivery.backoffCap(), new SecureRandom()));
        } catch (IllegalArgumentException invalid) {
            throw new InvalidSettingException("wxgate.delivery", invalid.getMessage(), invalid);
        }
    }

    @Bean
    DeliveryMetrics deliveryMetrics(MeterRegistry registry, PushOutbox pushOutbox, Clock clock) {
        return new DeliveryMetrics(registry, pushOutbox, clock);
    }

    /** The one body every sink sends, the same bytes on every attempt. */
    @Bean
    DeliveryBody deliveryBody() {
        return new DeliveryBody(JsonMapper.builder().build());
    }

    @Bean
    WebhookPushSink webhookPushSink(
            Forwarding forwarding, DeliveryBody deliveryBody, DeliveryProperties delivery, Clock clock) {
        return new WebhookPushSink(
                forwarding,
                deliveryBody,
                new WebhookReplies(JsonMapper.builder().build()),
                WebhookPushSink.httpClient(delivery.connectTimeout()),
                clock);
    }

    @Bean
    TakePush takePush(
            Forwarding forwarding,
            CallbackWire wire,
            PushOutbox pushOutbox,
            ObjectProvider<PushSink> sinks,
            DeliveryPolicy deliveryPolicy,
            DeliveryMetrics deliveryMetrics,
            DeliverHeldPushes deliverHeldPushes,
            PeriodicTask deliveryWorker,
            Clock clock) {
        // A push stored due for any node wakes this node's worker, which takes it now rather than at its next poll.
        DeliveryEvents events = new WakeWorkerOnStore(deliveryMetrics, deliveryWorker::runSoon);
        return new TakePush(
                forwarding,
                wire,
                pushOutbox,
                sinks.orderedStream().toList(),
                deliveryPolicy,
                events,
                Optional.of(deliverHeldPushes),
                clock);
    }

    /**
     * The pushes this node stored, delivered in hand: as many as a batch on every delivery thread, so that a slow
     * receiver stops this node taking more long before the lease (2 minutes by default) could end on deliveries still
     * waiting. Stopped before the delivery threads are (it uses them): what still waits is left to its lease.
     */
    @Bean(destroyMethod = "stop")
    DeliverHeldPushes deliverHeldPushes(
            PushOutbox pushOutbox,
            ObjectProvider<PushSink> sinks,
            DeliveryPolicy deliveryPolicy,
            DeliveryMetrics deliveryMetrics,
            DeliveryProperties delivery,
            ExecutorService deliveryAttempts,
            Clock clock) {
        return new DeliverHeldPushes(
                pushOutbox,
                sinks.orderedStream().toList(),
                deliveryPolicy,
                deliveryMetrics,
                deliveryAttempts,
                delivery.batchSize() * delivery.workerThreads(),
                clock);
    }

    /**
     * The attempts of a batch, side by side, and of the pushes held in hand; both are bounded, so the queue is too. At
     * shutdown the attempts under way finish (attempt-timeout bounds them) and record their outcome, rather than
     * leaving claims to expire; pushes held in hand and not yet begun are skipped ({@link DeliverHeldPushes#stop()}).
     */
    @Bean(destroyMethod = "close")
    ExecutorService deliveryAttempts(DeliveryProperties delivery) {
        AtomicInteger count = new AtomicInteger();
        return Executors.newFixedThreadPool(delivery.workerThreads(), runnable -> {
            Thread thread = new Thread(runnable, "wxgate-delivery-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    @Bean
    DeliverDuePushes deliverDuePushes(
            PushOutbox pushOutbox,
            ObjectProvider<PushSink> sinks,
            DeliveryPolicy deliveryPolicy,
            DeliveryMetrics deliveryMetrics,
            ExecutorService deliveryAttempts,
            Clock clock) {
        return new DeliverDuePushes(
                pushOutbox, sinks.orderedStream().toList(), deliveryPolicy, deliveryMetrics, deliveryAttempts, clock);
    }

    /**
     * Every node's worker: drains due deliveries (batch after batch while they come full), then waits a poll
     * interval. Idle when no app forwards its pushes, so such a wxgate never polls the outbox.
     */
    @Bean
    PeriodicTask deliveryWorker(
            DeliveryProperties delivery,
            Forwarding forwarding,
            DeliverDuePushes deliverDuePushes,
            DeliveryPolicy deliveryPolicy) {
        boolean forwards = forwarding.byApp().values().stream()
                .anyMatch(settings -> !settings.sinks().isEmpty());
        if (forwards) {
            log.info(
                    "push delivery: node {}, {} app(s) forwarding",
                    deliveryPolicy.node(),
                    forwarding.byApp().size());
        }
        return new PeriodicTask(
                "wxgate-delivery-worker",
                "wxgate.delivery.poll-interval",
                delivery.pollInterval(),
                delivery.pollInterval(),
                stopping -> {
                    if (forwards) {
                        drain(deliverDuePushes, deliveryPolicy.batchSize(), stopping);
                    }
                });
    }

    @Bean
    PurgeDeliveredPushes purgeDeliveredPushes(
            PushOutbox pushOutbox, DeliveryProperties delivery, DeliveryMetrics deliveryMetrics, Clock clock) {
        try {
            return new PurgeDeliveredPushes(pushOutbox, delivery.retention(), PURGE_BATCH, deliveryMetrics, clock);
        } catch (IllegalArgumentException invalid) {
            throw new InvalidSettingException("wxgate.delivery.retention", "must be positive", invalid);
        }
    }

    /**
     * Every node's purge of pushes delivered everywhere longer ago than {@code wxgate.delivery.retention}: idempotent
     * and safe on several nodes at once, so no node needs to be elected for it. Idle when no app forwards its pushes.
     */
    @Bean
    PeriodicTask deliveryPurge(Forwarding forwarding, PurgeDeliveredPushes purgeDeliveredPushes) {
        boolean forwards = forwarding.byApp().values().stream()
                .anyMatch(settings -> !settings.sinks().isEmpty());
        return new PeriodicTask("wxgate-delivery-purge", "purge interval", PURGE_INTERVAL, PURGE_INTERVAL, () -> {
            if (forwards) {
                purge(purgeDeliveredPushes);
            }
        });
    }

    private static void purge(PurgeDeliveredPushes purgeDeliveredPushes) {
        try {
            int purged = purgeDeliveredPushes.purge();
            if (purged > 0) {
                log.info("push delivery: {} delivered push(es) past the retention removed from the outbox", purged);
            }
        } catch (StoreUnavailableException unavailable) {
            log.warn("push delivery: the outbox could not be purged: {}", unavailable.getMessage());
        }
    }

    /** Batch after batch while they come full; a stopping node claims no further batch. */
    private static void drain(DeliverDuePushes deliverDuePushes, int batchSize, BooleanSupplier stopping) {
        try {
            while (deliverDuePushes.deliverDue() >= batchSize
                    && !stopping.getAsBoolean()
                    && !Thread.currentThread().isInterrupted()) {
                // A full batch: more may be due.
            }
        } catch (StoreUnavailableException unavailable) {
            // Nothing claimed; the next turn tries again.
            log.warn("push delivery: the outbox is unavailable: {}", unavailable.getMessage());
        }
    }
}
