package dev.wxgate.domain.delivery;

import dev.wxgate.domain.Page;
import dev.wxgate.domain.Require;
import dev.wxgate.domain.app.AppId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Secondary port: the durable outbox of pushes, shared by every node (a database table in both store modes). A push is
 * stored once, with one pending delivery per sink, before WeChat is answered; workers on any node claim due
 * deliveries under a lease and record each outcome. Every method may throw
 * {@link dev.wxgate.domain.StoreUnavailableException}.
 */
public interface PushOutbox {

    /**
     * Stores a push and a pending delivery to each of {@code sinks}, due at once, atomically.
     *
     * Each delivery's retry window starts at the push's {@code receivedAt}.
     *
     * @param heldBy when present, the deliveries to its sinks (some of {@code sinks}) are stored already claimed by
     *     this node (for an attempt made inside the request, or by this node's worker without claiming them again),
     *     as attempt 1; an outcome is recorded with {@code new Claim(push, sink, 1, owner, until)}. The other sinks'
     *     deliveries are not held: any node may claim them at once
     * @return false, storing nothing, when the app already has a push with the same delivery key
     */
    boolean store(StoredPush push, Set<Sink> sinks, Optional<Lease> heldBy, Instant now);

    /** A lease taken while storing: the owner and the end of its claim on the deliveries to {@code sinks}. */
    record Lease(String owner, Instant until, Set<Sink> sinks) {
        public Lease {
            Require.present(owner, "owner");
            Require.present(until, "until");
            Require.present(sinks, "sinks");
            if (sinks.isEmpty()) {
                throw new IllegalArgumentException("a lease holds at least one sink");
            }
            sinks = Set.copyOf(sinks);
        }

        /** A lease on the delivery to one sink. */
        public Lease(String owner, Instant until, Sink sink) {
            this(owner, until, sink == null ? null : Set.of(sink));
        }

        public boolean holds(Sink sink) {
            return sinks.contains(sink);
        }
    }

    /**
     * Claims up to {@code max} pending deliveries that are due at {@code now} and not under another node's live lease,
     * oldest due first; no delivery is claimed by two nodes at once while a lease lasts. A lease lasts until its
     * {@code leaseUntil}, excluded: from that instant the delivery may be claimed again. Fewer than {@code max} (even
     * none) may come back while some are due, when other nodes took them first.
     */
    List<Claim> claim(String owner, int max, Duration lease, Instant now);

    /**
     * Records a successful attempt. Ignored (returns false) when the claim was lost (lease expired and taken by another
     * node, or replayed). A claim is its owner and {@code leaseUntil}: an outcome after the lease ended still counts
     * while nobody took the delivery since.
     */
    boolean delivered(Claim claim, Instant now);

    /** Records a failed attempt; the delivery is due again at {@code nextAttemptAt}. False when the claim was lost. */
    boolean retryLater(Claim claim, Instant nextAttemptAt, String error);

    /** Records a failed last attempt: the delivery is dead. False when the claim was lost. */
    boolean dead(Claim claim, String error, Instant now);

    /** One push's delivery to one sink, as the console shows it; empty when there is none. */
    Optional<Delivery> find(DeliveryId id, Sink sink);

    /** A page of deliveries, newest push first. */
    Page<Delivery> list(DeliveryQuery query);

    /**
     * Makes one dead (or pending) delivery due at {@code now} again, with its attempts counted afresh, its retry window
     * starting at {@code now} ({@link Claim#retryFrom()}) and no lease (an attempt in progress records nothing). False
     * when there is no such delivery or it was delivered.
     */
    boolean replay(DeliveryId id, Sink sink, Instant now);

    /** Makes every dead delivery (of one app, or of all) due at {@code now} again, as {@link #replay}; how many. */
    int replayDead(Optional<AppId> appId, Instant now);

    /**
     * Removes up to {@code max} pushes whose every delivery was delivered before {@code before}, with their
     * deliveries; a push with a pending or dead delivery is never removed. Safe to run on several nodes at once (a
     * push removed by one is not counted by another).
     *
     * @return how many pushes were removed: {@code max} means more may be due for removal
     */
    int purgeDelivered(Instant before, int max);

    OutboxDepth depth();
}
