package dev.wxgate.adapters.persistence.ratelimit;

import dev.wxgate.domain.ratelimit.RateLimiter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Adapter: rate limits in this JVM (the embedded default), a token bucket per key. A bucket holds {@code permits}
 * tokens and refills at {@code permits / period}, so a key may burst its whole allowance and then gets one call per
 * {@code period / permits}; after a full idle period it is full again and is forgotten. At most {@code maxKeys} keys
 * are tracked: past that, idle keys go first, then the least recently used.
 */
public final class InMemoryRateLimiter implements RateLimiter {
    /** Enough for every client of a busy node; each key costs about a hundred bytes. */
    public static final int DEFAULT_MAX_KEYS = 100_000;

    static final Duration MAX_PERIOD = Duration.ofDays(365);

    /** How often, at most, a caller stops to drop idle keys when the map is not full. */
    private static final Duration SWEEP_INTERVAL = Duration.ofSeconds(30);

    private final Clock clock;
    private final int maxKeys;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final ReentrantLock sweeping = new ReentrantLock();
    private volatile long nextSweepNanos;

    public InMemoryRateLimiter(Clock clock) {
        this(clock, DEFAULT_MAX_KEYS);
    }

    /** @param maxKeys how many keys to track at most */
    public InMemoryRateLimiter(Clock clock, int maxKeys) {
        this.clock = Objects.requireNonNull(clock, "clock");
        if (maxKeys < 1) {
            throw new IllegalArgumentException("maxKeys must be at least 1");
        }
        this.maxKeys = maxKeys;
        this.nextSweepNanos = nanos(clock.instant()) + SWEEP_INTERVAL.toNanos();
    }

    @Override
    public Optional<Duration> tryAcquire(String key, RateLimit limit) {
        Objects.requireNonNull(key, "key");
        checkPeriod(limit);
        long now = nanos(clock.instant());
        while (true) {
            Bucket bucket = buckets.get(key);
            if (bucket == null) {
                makeRoom(now);
                bucket = buckets.computeIfAbsent(key, unused -> new Bucket(limit, now));
            }
            long wait = bucket.take(limit, now);
            // A bucket evicted between the lookup and the take no longer counts; take from its successor instead.
            if (wait != Bucket.RETIRED) {
                sweepIfDue(now);
                return wait == 0 ? Optional.empty() : Optional.of(Duration.ofNanos(wait));
            }
        }
    }

    /** How many keys are tracked now (for tests and metrics). */
    int trackedKeys() {
        return buckets.size();
    }

    static void checkPeriod(RateLimit limit) {
        Objects.requireNonNull(limit, "limit");
        if (limit.period().compareTo(MAX_PERIOD) > 0) {
            throw new IllegalArgumentException("a rate limit period may be at most " + MAX_PERIOD.toDays() + " days");
        }
    }

    private void makeRoom(long now) {
        if (buckets.size() < maxKeys) {
            return;
        }
        // New keys wait here only when the map is full, once per tenth of the cap (eviction goes down to 90%); keys
        // already tracked never do. Callers that passed the size check together may each add one key over the cap.
        sweeping.lock();
        try {
            if (buckets.size() >= maxKeys) {
                dropIdle(now);
                // Always down to the low-water mark: freeing one idle key would leave the next new key a full scan.
                dropLeastRecentlyUsed(buckets.size() - lowWater());
            }
            nextSweepNanos = now + SWEEP_INTERVAL.toNanos();
        } finally {
            sweeping.unlock();
        }
    }

    private void sweepIfDue(long now) {
        if (now - nextSweepNanos < 0 || !sweeping.tryLock()) {
            return;
        }
        try {
            if (now - nextSweepNanos >= 0) {
                dropIdle(now);
                nextSweepNanos = now + SWEEP_INTERVAL.toNanos();
            }
        } finally {
            sweeping.unlock();
        }
    }

    /** An idle bucket is full again: forgetting it changes no answer. */
    private void dropIdle(long now) {
        buckets.forEach((key, bucket) -> {
            if (bucket.retireIfFull(now)) {
                buckets.remove(key, bucket);
            }
        });
    }

    /** Under a flood of new keys (many addresses) the oldest lose their state, which only ever favours them. */
    private void dropLeastRecentlyUsed(int count) {
        if (count <= 0) {
            return;
        }
        List<Map.Entry<String, Bucket>> entries = new ArrayList<>(buckets.entrySet());
        entries.sort(Comparator.comparingLong(entry -> entry.getValue().lastUsedNanos()));
        for (int i = 0; i < count && i < entries.size(); i++) {
            Map.Entry<String, Bucket> entry = entries.get(i);
            entry.getValue().retire();
            buckets.remove(entry.getKey(), entry.getValue());
        }
    }

    /** Evicting down to 90% spaces the sorts out instead of paying one per new key. */
    private int lowWater() {
        return Math.max(0, maxKeys - Math.max(1, maxKeys / 10));
    }

    private static long nanos(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000_000L), instant.getNano());
    }

    /** One key's tokens. Guarded by its own monitor: keys never wait for each other. */
    private static final class Bucket {
        static final long RETIRED = -1;

        /** Absorbs rounding in the refill, so a bucket refilled by exactly one interval holds one whole token. */
        private static final double EPSILON = 1e-9;

        private RateLimit limit;
        private double tokens;
        private long refilledAt;
        private volatile long lastUsedNanos;
        private boolean retired;

        Bucket(RateLimit limit, long now) {
            this.limit = limit;
            this.tokens = limit.permits();
            this.refilledAt = now;
            this.lastUsedNanos = now;
        }

        /** 0 when a token was taken, else nanoseconds until one is there; {@link #RETIRED} if evicted. */
        synchronized long take(RateLimit wanted, long now) {
            if (retired) {
                return RETIRED;
            }
            refill(now);
            if (!wanted.equals(limit)) {
                adopt(wanted);
            }
            lastUsedNanos = Math.max(lastUsedNanos, now);
            if (tokens >= 1 - EPSILON) {
                tokens = Math.max(0, tokens - 1);
                return 0;
            }
            double nanosPerToken = (double) limit.period().toNanos() / limit.permits();
            // Less than a picosecond over a whole nanosecond is rounding, not a nanosecond more to wait.
            return Math.max(1, (long) Math.ceil((1 - tokens) * nanosPerToken - 1e-3));
        }

        synchronized boolean retireIfFull(long now) {
            refill(now);
            if (tokens >= limit.permits()) {
                retired = true;
            }
            return retired;
        }

        synchronized void retire() {
            retired = true;
        }

        long lastUsedNanos() {
            return lastUsedNanos;
        }

        private void refill(long now) {
            long elapsed = now - refilledAt;
            if (elapsed <= 0) {
                // A clock stepped back refills nothing and forgives nothing.
                return;
            }
            long period = limit.period().toNanos();
            tokens = elapsed >= period
                    ? limit.permits()
                    : Math.min(limit.permits(), tokens + (double) elapsed * limit.permits() / period);
            refilledAt = now;
        }

        /** A changed limit keeps what the key already used: the new allowance minus the calls still in it. */
        private void adopt(RateLimit wanted) {
            double used = limit.permits() - tokens;
            limit = wanted;
            tokens = Math.max(0, Math.min(wanted.permits(), wanted.permits() - used));
        }
    }
}
