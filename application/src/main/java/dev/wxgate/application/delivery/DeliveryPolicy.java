package dev.wxgate.application.delivery;

import java.time.Duration;
import java.util.Objects;

/**
 * How this node delivers stored pushes ({@code wxgate.delivery.*}).
 *
 * @param node this node's name: the owner of its claims
 * @param batchSize the most deliveries claimed at once
 * @param lease how long a claim is this node's; past it another node may claim the delivery again, so it must
 *     outlast the attempts of a whole batch
 * @param attemptTimeout how long a background attempt may take
 * @param maxAge how long after a push was received its deliveries are still tried; past it a failed one is dead
 * @param backoff the wait between failed attempts
 */
public record DeliveryPolicy(
        String node, int batchSize, Duration lease, Duration attemptTimeout, Duration maxAge, Backoff backoff) {

    /** An inline attempt's claim outlasts its deadline by this much, for the time to record its outcome. */
    static final Duration INLINE_MARGIN = Duration.ofSeconds(5);

    public DeliveryPolicy {
        if (node == null || node.isBlank()) {
            throw new IllegalArgumentException("delivery node name must not be blank");
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("delivery batch size must be at least 1");
        }
        positive(lease, "delivery lease");
        positive(attemptTimeout, "delivery attempt timeout");
        positive(maxAge, "delivery max age");
        if (lease.compareTo(attemptTimeout) <= 0) {
            throw new IllegalArgumentException("delivery lease must be longer than the attempt timeout");
        }
        Objects.requireNonNull(backoff, "backoff");
    }

    private static void positive(Duration duration, String name) {
        if (duration == null || duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be positive");
        }
    }
}
