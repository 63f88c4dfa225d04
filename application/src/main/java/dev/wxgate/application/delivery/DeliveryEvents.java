package dev.wxgate.application.delivery;

import dev.wxgate.domain.app.AppId;
import dev.wxgate.domain.delivery.Claim;
import dev.wxgate.domain.delivery.Sink;
import dev.wxgate.domain.delivery.StoredPush;
import java.time.Duration;
import java.util.Set;

/**
 * Listener: what became of pushes and their deliveries, for metrics. Called on the thread that did the work; an
 * implementation must be quick and must not throw.
 */
public interface DeliveryEvents {

    /** Nothing listens. */
    DeliveryEvents NONE = new DeliveryEvents() {};

    /** A push was seen for the first time (stored or not). */
    default void received(AppId app) {}

    /** A push was stored, with a pending delivery to each of {@code sinks}. */
    default void stored(StoredPush push, Set<Sink> sinks) {}

    /** A stored push has deliveries due at once for any node's worker (this node did not keep them in hand). */
    default void due(StoredPush push) {}

    /**
     * A delivery was taken by its sink.
     *
     * @param latency from when the push was received to now
     */
    default void delivered(Claim claim, Duration latency) {}

    /** An attempt failed; the delivery is tried again later. */
    default void retried(Claim claim) {}

    /** An attempt failed past the retry limit: the delivery is dead. */
    default void dead(Claim claim) {}

    /** {@code pushes} pushes delivered everywhere before the retention period were removed from the outbox. */
    default void purged(int pushes) {}
}
