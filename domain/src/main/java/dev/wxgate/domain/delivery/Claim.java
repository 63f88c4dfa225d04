package dev.wxgate.domain.delivery;

import dev.wxgate.domain.Require;
import java.time.Instant;

/**
 * A node's right to attempt one sink's delivery of a push until {@code leaseUntil}; past it, another node may claim
 * the delivery again (so a node that dies mid-delivery loses nothing).
 *
 * @param attempt which attempt this is, from 1
 * @param owner the claiming node's name, so its outcome is recorded only while it still holds the claim
 * @param retryFrom where the delivery's retry window (the max age) starts: when the push was received, or when an
 *     operator last replayed the delivery, so a replayed old push is retried as long as a new one
 */
public record Claim(StoredPush push, Sink sink, int attempt, String owner, Instant leaseUntil, Instant retryFrom) {
    public Claim {
        Require.present(push, "push");
        Require.present(sink, "sink");
        Require.present(owner, "owner");
        Require.present(leaseUntil, "leaseUntil");
        Require.present(retryFrom, "retryFrom");
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt must be at least 1");
        }
    }

    /** A claim of a delivery never replayed: its retry window starts when the push was received. */
    public Claim(StoredPush push, Sink sink, int attempt, String owner, Instant leaseUntil) {
        this(push, sink, attempt, owner, leaseUntil, push == null ? null : push.receivedAt());
    }
}
