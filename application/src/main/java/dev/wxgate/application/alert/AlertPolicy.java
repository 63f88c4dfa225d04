package dev.wxgate.application.alert;

import dev.wxgate.application.delivery.Backoff;
import java.time.Duration;
import java.util.Objects;

/**
 * How alerts are kept and sent.
 *
 * @param node this node's name on its claims of an alert's messages
 * @param repeatInterval a firing alert is sent again (a reminder) this long after its last message
 * @param staleAfter an alert resolves once no node has seen its condition for this long (some conditions, such as a
 *     failed refresh, are seen by one node only); a few check intervals
 * @param claimLease how long a node's claim to send an alert's messages lasts; past it another node sends them
 * @param sendTimeout how long one attempt to send a message may take
 * @param backoff the wait after a failed attempt
 * @param maxOutbox the most messages kept per alert while the receiver is down (a flapping alert); the oldest go first
 */
public record AlertPolicy(
        String node,
        Duration repeatInterval,
        Duration staleAfter,
        Duration claimLease,
        Duration sendTimeout,
        Backoff backoff,
        int maxOutbox) {

    public AlertPolicy {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(backoff, "backoff");
        positive(repeatInterval, "repeat-interval");
        positive(staleAfter, "staleAfter");
        positive(sendTimeout, "timeout");
        positive(claimLease, "claimLease");
        if (claimLease.compareTo(sendTimeout) <= 0) {
            throw new IllegalArgumentException("the claim lease must outlast one attempt's timeout");
        }
        if (maxOutbox < 2) {
            throw new IllegalArgumentException("maxOutbox must be at least 2");
        }
    }

    private static void positive(Duration duration, String name) {
        if (duration == null || duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be positive");
        }
    }
}
