package dev.wxgate.adapters.persistence.ratelimit;

import dev.wxgate.domain.ratelimit.RateLimiter.RateLimit;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * Permits a node took from the cluster's window ahead of use, for limits so large (a resource server introspecting
 * on every request) that asking Redis for each call would double the cost of the call it guards. A node takes a batch
 * and spends it locally until the batch runs out or the window it was taken in has passed; permits are always taken
 * from Redis before they are used, so the cluster never allows more than the limit (at most a batch per node is left
 * unspent, which only refuses a little early). Small limits (logins per address) are never batched.
 */
final class PermitBatches {
    /** Limits from this many permits per period are taken in batches. */
    static final int BATCHED_FROM = 2_000;

    /** Never more than this many permits held at once per key and node. */
    static final int MAX_BATCH = 100;

    private static final int REMEMBERED_KEYS = 10_000;

    private final Map<String, Batch> batches = new ConcurrentHashMap<>();
    private final LongSupplier nanoTime;

    PermitBatches(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    /** How many permits to take from Redis at a time for {@code limit}: 1 for limits below {@value #BATCHED_FROM}. */
    static int size(RateLimit limit) {
        return limit.permits() < BATCHED_FROM ? 1 : Math.min(MAX_BATCH, limit.permits() / 1_000);
    }

    /** Spends one permit this node holds for {@code name}, if one is left in a window that has not passed. */
    boolean spend(String name) {
        Batch batch = batches.get(name);
        if (batch == null || nanoTime.getAsLong() - batch.takenAt >= batch.windowNanos) {
            return false;
        }
        return batch.left.getAndDecrement() > 0;
    }

    /** Holds {@code permits} just taken from Redis for {@code name}, spendable for one window of {@code limit}. */
    void hold(String name, int permits, RateLimit limit) {
        if (batches.size() >= REMEMBERED_KEYS) {
            // Bounded like the limiters themselves: forgetting costs only the permits held.
            batches.clear();
        }
        batches.put(
                name, new Batch(permits, nanoTime.getAsLong(), limit.period().toNanos()));
    }

    /** Permits held for {@code name} now (for tests). */
    int held(String name) {
        Batch batch = batches.get(name);
        return batch == null ? 0 : Math.max(0, batch.left.get());
    }

    private static final class Batch {
        final AtomicInteger left;
        final long takenAt;
        final long windowNanos;

        Batch(int permits, long takenAt, long windowNanos) {
            this.left = new AtomicInteger(permits);
            this.takenAt = takenAt;
            this.windowNanos = windowNanos;
        }
    }
}
