package dev.wxgate.application.delivery;

import dev.wxgate.domain.delivery.PushOutbox;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Use case: the outbox forgets pushes once every sink has had them for the retention period, so its tables do not
 * grow forever. Pending and dead deliveries are never removed (an ADMIN may still replay a dead one). Runs on every
 * node: what one node removed, another neither removes nor counts again.
 */
public final class PurgeDeliveredPushes {
    private final PushOutbox outbox;
    private final Duration retention;
    private final int batchSize;
    private final DeliveryEvents events;
    private final Clock clock;

    /**
     * @param retention how long after its last delivery a push is kept
     * @param batchSize the most pushes removed in one transaction
     */
    public PurgeDeliveredPushes(
            PushOutbox outbox, Duration retention, int batchSize, DeliveryEvents events, Clock clock) {
        if (retention == null || retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("delivery retention must be positive");
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("purge batch size must be at least 1");
        }
        this.outbox = Objects.requireNonNull(outbox, "outbox");
        this.retention = retention;
        this.batchSize = batchSize;
        this.events = Objects.requireNonNull(events, "events");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Removes, batch after batch, every push delivered everywhere more than the retention period ago.
     *
     * @return how many pushes this call removed
     * @throws dev.wxgate.domain.StoreUnavailableException when the outbox cannot be reached (batches removed before
     *     stay removed)
     */
    public int purge() {
        // One cut-off for the whole run, so that a steady stream of newly old pushes cannot keep it going forever.
        Instant before = clock.instant().minus(retention);
        int total = 0;
        int batch;
        do {
            batch = outbox.purgeDelivered(before, batchSize);
            if (batch > 0) {
                events.purged(batch);
            }
            total += batch;
        } while (batch == batchSize && !Thread.currentThread().isInterrupted());
        return total;
    }
}
