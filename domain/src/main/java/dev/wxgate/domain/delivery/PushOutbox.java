package dev.wxgate.domain.delivery;

import dev.wxgate.domain.Page;
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
     * @param heldBy when present, the deliveries are stored already claimed by this node (for an attempt made inside
     *     the request), as attempt 1; their outcomes are recorded with {@code new Claim(push, sink, 1, owner, until)}.
     *     Every sink's delivery is held: one not attempted inline is claimable by any node once the lease ends
     * @return false, storing nothing, when the app already has a push with the same delivery key
     */
    boolean store(StoredPush push, Set<Sink> sinks, Optional<Lease> heldBy, Instant now);

    /** A lease taken while storing: the owner and the end of its claim. */
    record Lease(String owner, Instant until) {}

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

    /** A page of deliveries, newest push first. */
    Page<Delivery> list(DeliveryQuery query);

    /**
     * Makes one dead (or pending) delivery due at {@code now} again, with its attempts counted afresh and no lease (an
     * attempt in progress records nothing). False when there is no such delivery or it was delivered.
     */
    boolean replay(DeliveryId id, Sink sink, Instant now);

    /** Makes every dead delivery (of one app, or of all) due at {@code now} again; returns how many. */
    int replayDead(Optional<AppId> appId, Instant now);

    OutboxDepth depth();
}
