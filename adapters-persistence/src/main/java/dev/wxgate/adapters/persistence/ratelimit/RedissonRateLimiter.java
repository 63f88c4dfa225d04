package dev.wxgate.adapters.persistence.ratelimit;

import dev.wxgate.adapters.persistence.RedisKeyPrefix;
import dev.wxgate.adapters.persistence.RedisStore;
import dev.wxgate.domain.ratelimit.RateLimiter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.redisson.api.RRateLimiter;
import org.redisson.api.RateLimiterConfig;
import org.redisson.api.RateType;
import org.redisson.api.ratelimiter.RateLimiterArgs;
import org.redisson.client.RedisConnectionException;
import org.redisson.client.RedisException;
import org.redisson.client.RedisTimeoutException;
import org.redisson.client.codec.ByteArrayCodec;

/**
 * Adapter: rate limits shared by every node, one Redisson {@link RRateLimiter} (a sliding window of {@code permits}
 * per {@code period}) per key, named {@code <prefix>{wxgate:ratelimit:<key>}} so its three Redis keys share a
 * cluster slot. A limiter left idle for two periods expires on its own. Limits of thousands of permits per period are
 * taken from Redis in batches ({@link PermitBatches}), so that most calls under them cost no round trip.
 */
public final class RedissonRateLimiter implements RateLimiter {
    /** Keys shown as they are in Redis when they look like this (addresses, app ids); others are hashed. */
    private static final Pattern READABLE_KEY = Pattern.compile("[A-Za-z0-9._:%\\-\\[\\]]{1,128}");

    /** Limiters this node has seen configured as it wants them; bounded, since keys are unbounded (addresses). */
    private static final int REMEMBERED_LIMITERS = 10_000;

    private final RedisStore redis;
    private final String prefix;
    private final Map<String, RateLimit> configured = new ConcurrentHashMap<>();
    private final PermitBatches batches = new PermitBatches(System::nanoTime);

    /**
     * @param keyPrefix put before every key (e.g. {@code "wxgate:"}); no braces, spaces or control characters, since a
     *     brace would become the cluster hash tag
     */
    public RedissonRateLimiter(RedisStore redis, String keyPrefix) {
        this.redis = Objects.requireNonNull(redis, "redis");
        this.prefix = RedisKeyPrefix.check(keyPrefix);
    }

    @Override
    public Optional<Duration> tryAcquire(String key, RateLimit limit) {
        Objects.requireNonNull(key, "key");
        checkPeriod(limit);
        String name = name(key);
        int batch = PermitBatches.size(limit);
        if (batch > 1 && batches.spend(name)) {
            return Optional.empty();
        }
        RRateLimiter limiter = redis.client().getRateLimiter(name);
        return redis.call("take a rate-limit permit", () -> {
            if (batch > 1 && acquire(limiter, name, limit, batch)) {
                // One of the batch is this call's; the rest are spent by the next calls on this node.
                batches.hold(name, batch - 1, limit);
                return Optional.<Duration>empty();
            }
            if (acquire(limiter, name, limit, 1)) {
                return Optional.<Duration>empty();
            }
            return Optional.of(retryAfter(name, limit));
        });
    }

    /** Permits this node holds for {@code key} (for tests). */
    int heldPermits(String key) {
        return batches.held(name(key));
    }

    /** The limiter's name in Redis: its hash tag holds the whole key, so the limiter's keys stay in one slot. */
    String name(String key) {
        String shown = READABLE_KEY.matcher(key).matches() ? key : "#" + sha256(key);
        return prefix + "{wxgate:ratelimit:" + shown + "}";
    }

    private boolean acquire(RRateLimiter limiter, String name, RateLimit limit, int permits) {
        if (!limit.equals(configured.get(name))) {
            configure(limiter, limit);
            remember(name, limit);
            return limiter.tryAcquire(permits);
        }
        // Known configured: one round trip. The limiter may have expired since (idle) or been reconfigured by a node
        // with other settings; Redisson refuses an unconfigured limiter with a script error, so configure and retry.
        try {
            return limiter.tryAcquire(permits);
        } catch (RedisConnectionException | RedisTimeoutException unreachable) {
            throw unreachable;
        } catch (RedisException notConfigured) {
            configured.remove(name);
            configure(limiter, limit);
            remember(name, limit);
            return limiter.tryAcquire(permits);
        }
    }

    /**
     * Creates the limiter if absent; if present with another rate or period (the configuration changed), sets the new
     * one keeping the permits already taken in the window. Nodes with different settings each impose theirs when
     * they first meet the limiter; in a rolling change that settles once every node runs the new settings.
     */
    private void configure(RRateLimiter limiter, RateLimit limit) {
        Duration keepAlive = keepAlive(limit);
        if (limiter.trySetRate(RateType.OVERALL, limit.permits(), limit.period(), keepAlive)) {
            return;
        }
        RateLimiterConfig current = limiter.getConfig();
        boolean same = current.getRateType() == RateType.OVERALL
                && current.getRate() != null
                && current.getRate() == limit.permits()
                && current.getRateInterval() != null
                && current.getRateInterval() == limit.period().toMillis();
        if (!same) {
            limiter.setRate(RateLimiterArgs.of(RateType.OVERALL, limit.permits(), limit.period())
                    .keepAliveTime(keepAlive)
                    .keepState(true));
        }
    }

    private void remember(String name, RateLimit limit) {
        if (configured.size() >= REMEMBERED_LIMITERS) {
            // Crude but bounded: forgetting only costs the next call of each key one more round trip.
            configured.clear();
        }
        configured.put(name, limit);
    }

    /**
     * When the oldest permit in the window leaves it. Redisson keeps the window as a sorted set
     * {@code <name>:permits} scored by the epoch millisecond of each permit (its own clock: this node's); should that
     * ever change, the answer falls back to the whole period, which is never too early.
     */
    private Duration retryAfter(String name, RateLimit limit) {
        long period = limit.period().toMillis();
        Double oldest;
        try {
            oldest = redis.client()
                    .getScoredSortedSet(name + ":permits", ByteArrayCodec.INSTANCE)
                    .firstScore();
        } catch (RedisConnectionException | RedisTimeoutException unreachable) {
            throw unreachable;
        } catch (RedisException layoutChanged) {
            oldest = null;
        }
        if (oldest == null) {
            return limit.period();
        }
        long wait = oldest.longValue() + period - System.currentTimeMillis();
        return Duration.ofMillis(Math.clamp(wait, 1, period));
    }

    /** Idle for twice the period the window is long empty: the limiter's keys may go. */
    private static Duration keepAlive(RateLimit limit) {
        return limit.period().multipliedBy(2);
    }

    private static void checkPeriod(RateLimit limit) {
        Objects.requireNonNull(limit, "limit");
        InMemoryRateLimiter.checkPeriod(limit);
        // Redisson counts the window in milliseconds.
        if (limit.period().toMillis() < 1) {
            throw new IllegalArgumentException("a rate limit period must be at least 1 ms in redis mode");
        }
    }

    private static String sha256(String key) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException missing) {
            throw new IllegalStateException("this JVM has no SHA-256", missing);
        }
    }
}
