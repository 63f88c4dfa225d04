package dev.wxgate.application.delivery;

import dev.wxgate.domain.delivery.Claim;
import dev.wxgate.domain.delivery.PushOutbox;
import dev.wxgate.domain.delivery.PushSink;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;

/**
 * Use case: this node delivers the pushes it has just stored itself, under the lease they were stored with, instead of
 * claiming them back from the outbox (a read and a write less per push, and no wait for the next poll). It holds a
 * bounded number in hand; a push it has no room for is stored due for any node's worker instead. One it took but
 * could not attempt before its lease would end is left alone: its lease ends and it is claimed like any other.
 */
public final class DeliverHeldPushes {
    private final AttemptDelivery attempt;
    private final DeliveryPolicy policy;
    private final Executor attempts;
    private final Semaphore room;
    private final Clock clock;
    private volatile boolean stopped;

    /**
     * @param attempts where the attempts run (this node's delivery threads)
     * @param capacity how many deliveries this node holds in hand at most, waiting or being attempted
     */
    public DeliverHeldPushes(
            PushOutbox outbox,
            List<PushSink> sinks,
            DeliveryPolicy policy,
            DeliveryEvents events,
            Executor attempts,
            int capacity,
            Clock clock) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1");
        }
        this.attempt = new AttemptDelivery(outbox, sinks, policy, events, clock);
        this.policy = policy;
        this.attempts = attempts;
        this.room = new Semaphore(capacity);
        this.clock = clock;
    }

    /** Takes room for {@code deliveries} deliveries, before their push is stored; false when there is not enough. */
    boolean reserve(int deliveries) {
        return !stopped && room.tryAcquire(deliveries);
    }

    /**
     * For a node that is stopping: takes no more pushes in hand and skips those still waiting for a thread (their
     * leases end and any node claims them, nothing is lost); attempts under way finish and record their outcome.
     */
    public void stop() {
        stopped = true;
    }

    /** Gives back room taken for a push that was not stored after all. */
    void release(int deliveries) {
        room.release(deliveries);
    }

    /** Attempts each claim (of a push stored leased to this node) in the background; each gives its room back. */
    void deliver(List<Claim> claims) {
        for (Claim claim : claims) {
            try {
                attempts.execute(() -> {
                    try {
                        attemptWithinLease(claim);
                    } finally {
                        room.release();
                    }
                });
            } catch (RejectedExecutionException stopping) {
                room.release(); // the lease ends and the delivery is claimed like any other
            }
        }
    }

    private void attemptWithinLease(Claim claim) {
        // An attempt that could outlast the lease might run beside another node's: leave it to the claimers.
        if (!stopped && clock.instant().plus(policy.attemptTimeout()).isBefore(claim.leaseUntil())) {
            attempt.attempt(claim);
        }
    }
}
