package dev.wxgate.bootstrap;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How every node delivers stored pushes to the apps' sinks ({@code wxgate.delivery.*}); where each app's pushes go is
 * {@code wxgate.apps[N].forward.*}.
 *
 * @param pollInterval how often this node's worker looks for due deliveries (it goes on at once while batches come
 *     full)
 * @param batchSize the most deliveries claimed at once
 * @param workerThreads attempts made side by side on this node
 * @param lease how long a claim is this node's; past it another node attempts the delivery again. Must outlast a
 *     batch's attempts: {@code attempt-timeout × ceil(batch-size / worker-threads)}
 * @param attemptTimeout how long a background attempt may take (connecting and answering)
 * @param connectTimeout how long a webhook connection may take
 * @param backoffBase the longest wait after a first failed attempt; doubles with each failure (full jitter: each
 *     wait is random between zero and that)
 * @param backoffCap the longest wait between two attempts
 * @param maxAge how long after a push was received its deliveries are still tried; then it is dead (an ADMIN may
 *     replay it from the console)
 * @param nodeName this node's name on its claims; empty for host/pid/random
 * @param retention how long a push delivered to every sink is kept after its last delivery; then every node's purge
 *     removes it. Pending and dead deliveries are never removed
 */
@ConfigurationProperties("wxgate.delivery")
public record DeliveryProperties(
        @DefaultValue("1s") Duration pollInterval,
        @DefaultValue("32") int batchSize,
        @DefaultValue("8") int workerThreads,
        @DefaultValue("2m") Duration lease,
        @DefaultValue("10s") Duration attemptTimeout,
        @DefaultValue("3s") Duration connectTimeout,
        @DefaultValue("5s") Duration backoffBase,
        @DefaultValue("30m") Duration backoffCap,
        @DefaultValue("24h") Duration maxAge,
        @DefaultValue("") String nodeName,
        @DefaultValue("7d") Duration retention) {}
