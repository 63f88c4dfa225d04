package dev.wxgate.adapters.persistence.token;

import dev.wxgate.adapters.persistence.RedisStore;
import dev.wxgate.domain.StoreUnavailableException;
import dev.wxgate.domain.app.AppId;
import dev.wxgate.domain.token.AccessToken;
import dev.wxgate.domain.token.StoredToken;
import dev.wxgate.domain.token.TokenStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.redisson.api.RLock;
import org.redisson.api.RScript;
import org.redisson.api.RTopic;
import org.redisson.api.listener.BaseStatusListener;
import org.redisson.client.codec.StringCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Adapter: each app's token in Redis through Redisson, shared by every wxgate node.
 *
 * <ul>
 *   <li>State: a hash {@code <prefix>{wxgate:token:<appId>}:state} (value, fetchedAt, expiresAt in epoch ms, version,
 *       fetchedBy), readable with {@code HGETALL}.
 *   <li>Compare-and-set: one Lua script checks the version, writes the next one and publishes "appId version" on
 *       {@code <prefix>wxgate:token:changed}, all atomically.
 *   <li>Near cache: each node keeps the tokens it read, drops an entry as soon as a newer version is announced, and
 *       trusts an entry at most {@code nearCacheTtl} (a safety net should a message be lost); after Redis reconnects
 *       the whole cache is dropped. While Redis is unreachable, an entry is served until its token expires: nobody
 *       can store a newer one meanwhile, and an access_token lives up to two hours.
 *   <li>Lock: a Redisson {@link RLock} per app. Its lease is renewed by Redisson's watchdog while the holder lives
 *       (so a slow WeChat call keeps it) and ends {@code lockWatchdogTimeout} after the holder dies.
 * </ul>
 *
 * Every Redis failure surfaces as {@link StoreUnavailableException} (at once while the {@link RedisStore}'s breaker is
 * open); Redisson reconnects by itself, so the store recovers without a restart.
 */
public final class RedissonTokenStore implements TokenStore, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RedissonTokenStore.class);

    private static final String COMPARE_AND_SET = """
            local current = tonumber(redis.call('HGET', KEYS[1], 'version') or '0')
            if current ~= tonumber(ARGV[1]) then
                return 0
            end
            local next = current + 1
            redis.call('HSET', KEYS[1], 'version', next, 'value', ARGV[2], 'fetchedAt', ARGV[3],
                'expiresAt', ARGV[4], 'fetchedBy', ARGV[5])
            redis.call('PUBLISH', ARGV[6], ARGV[7] .. ' ' .. next)
            return next
            """;

    private final RedisStore redis;
    private final RedisKeys keys;
    private final long nearCacheTtlNanos;
    private final Clock clock;
    private final RTopic changes;
    private final int messageListener;
    private final int statusListener;
    private final ConcurrentHashMap<AppId, Near> near = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<AppId, Long> announced = new ConcurrentHashMap<>();
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();
    private final LongAdder outageHits = new LongAdder();

    private record Near(StoredToken token, long loadedAt) {}

    /**
     * @param keyPrefix put before every key and the channel (may be empty; no braces)
     * @param nearCacheTtl the longest a node serves a token it read without reading Redis again, while Redis answers
     * @param clock decides, while Redis is unreachable, whether a cached token has expired
     */
    public RedissonTokenStore(RedisStore redis, String keyPrefix, Duration nearCacheTtl, Clock clock) {
        this.redis = redis;
        this.keys = new RedisKeys(keyPrefix);
        this.nearCacheTtlNanos = nearCacheTtl.toNanos();
        this.clock = clock;
        this.changes = redis.client().getTopic(keys.changes(), StringCodec.INSTANCE);
        this.messageListener = redis.call(
                "subscribe to token changes",
                () -> changes.addListener(String.class, (channel, message) -> announced(message)));
        this.statusListener = redis.call(
                "subscribe to token changes",
                () -> changes.addListener(new BaseStatusListener() {
                    @Override
                    public void onSubscribe(String channel) {
                        // Also after a reconnect: announcements may have been missed while the connection was down.
                        near.clear();
                    }
                }));
    }

    @Override
    public Optional<StoredToken> read(AppId appId) {
        Near cached = near.get(appId);
        if (cached != null && System.nanoTime() - cached.loadedAt() < nearCacheTtlNanos) {
            hits.increment();
            return Optional.of(cached.token());
        }
        if (cached != null && redis.isDown() && unexpired(cached)) {
            outageHits.increment();
            return Optional.of(cached.token());
        }
        misses.increment();
        Optional<StoredToken> latest;
        try {
            latest = readLatest(appId);
        } catch (StoreUnavailableException down) {
            // This call may be the one that found Redis gone: the cached token stays good until it expires.
            if (cached != null && unexpired(cached)) {
                outageHits.increment();
                return Optional.of(cached.token());
            }
            throw down;
        }
        latest.ifPresent(token -> remember(appId, token));
        return latest;
    }

    @Override
    public Optional<StoredToken> readLatest(AppId appId) {
        Map<String, String> fields = redis.call("read the token of app " + appId, () -> redis.client()
                .<String, String>getMap(keys.state(appId), StringCodec.INSTANCE)
                .readAllMap());
        if (fields.isEmpty()) {
            return Optional.empty();
        }
        try {
            AccessToken token = new AccessToken(
                    fields.get("value"),
                    Instant.ofEpochMilli(Long.parseLong(fields.get("fetchedAt"))),
                    Instant.ofEpochMilli(Long.parseLong(fields.get("expiresAt"))));
            return Optional.of(new StoredToken(token, Long.parseLong(fields.get("version")), fields.get("fetchedBy")));
        } catch (RuntimeException unreadable) {
            throw new StoreUnavailableException(
                    "the token of app " + appId + " in Redis (" + keys.state(appId) + ") is unreadable; delete the key",
                    unreadable);
        }
    }

    @Override
    public Optional<StoredToken> compareAndSet(AppId appId, long expectedVersion, AccessToken token, String fetchedBy) {
        // Redis keeps milliseconds: the stored token is what every node will read back.
        AccessToken stored = new AccessToken(
                token.value(),
                Instant.ofEpochMilli(token.fetchedAt().toEpochMilli()),
                Instant.ofEpochMilli(token.expiresAt().toEpochMilli()));
        Long version = redis.call("store the token of app " + appId, () -> redis.client()
                .getScript(StringCodec.INSTANCE)
                .eval(
                        keys.state(appId),
                        RScript.Mode.READ_WRITE,
                        COMPARE_AND_SET,
                        RScript.ReturnType.LONG,
                        List.of(keys.state(appId)),
                        Long.toString(expectedVersion),
                        stored.value(),
                        Long.toString(stored.fetchedAt().toEpochMilli()),
                        Long.toString(stored.expiresAt().toEpochMilli()),
                        fetchedBy,
                        keys.changes(),
                        appId.value()));
        if (version == null || version == 0) {
            return Optional.empty();
        }
        StoredToken written = new StoredToken(stored, version, fetchedBy);
        remember(appId, written);
        return Optional.of(written);
    }

    @Override
    public RefreshLock lock(AppId appId) {
        RLock lock = redis.client().getLock(keys.lock(appId));
        return new RefreshLock() {
            @Override
            public boolean tryLock(Duration wait) throws InterruptedException {
                // No lease time: Redisson's watchdog renews the lease while this node lives.
                return redis.call("lock the token of app " + appId, () -> {
                    try {
                        return lock.tryLock(wait.toMillis(), TimeUnit.MILLISECONDS);
                    } catch (InterruptedException interrupted) {
                        Thread.currentThread().interrupt();
                        return false;
                    }
                });
            }

            @Override
            public void unlock() {
                try {
                    redis.call("release the refresh lock of app " + appId, () -> {
                        lock.unlock();
                        return null;
                    });
                } catch (IllegalMonitorStateException leaseEnded) {
                    log.warn("app {}: the refresh lock's lease had ended before this node released it", appId);
                } catch (StoreUnavailableException unreachable) {
                    log.warn(
                            "app {}: could not release the refresh lock ({}); its lease ends by itself",
                            appId,
                            unreachable.getMessage());
                }
            }
        };
    }

    /** Reads answered from the near cache, since start. */
    public long nearCacheHits() {
        return hits.sum();
    }

    /** Reads that went to Redis because the near cache had no fresh entry, since start. */
    public long nearCacheMisses() {
        return misses.sum();
    }

    /** Reads answered from the near cache because Redis was unreachable (the token not yet expired), since start. */
    public long nearCacheOutageHits() {
        return outageHits.sum();
    }

    @Override
    public void close() {
        try {
            changes.removeListener(messageListener, statusListener);
        } catch (RuntimeException alreadyDown) {
            log.debug("token change listeners not removed: {}", alreadyDown.getMessage());
        }
        near.clear();
    }

    private void remember(AppId appId, StoredToken token) {
        near.compute(appId, (id, current) -> {
            if (token.version() < announced.getOrDefault(id, 0L)) {
                return current; // a newer version was announced while this one was read
            }
            if (current != null && current.token().isNewerThan(token)) {
                return current;
            }
            return new Near(token, System.nanoTime());
        });
    }

    private void announced(String message) {
        int space = message.lastIndexOf(' ');
        if (space < 0) {
            return;
        }
        AppId appId;
        long version;
        try {
            appId = AppId.of(message.substring(0, space));
            version = Long.parseLong(message.substring(space + 1));
        } catch (IllegalArgumentException notOurs) {
            log.debug("ignored a malformed token change announcement");
            return;
        }
        near.compute(appId, (id, current) -> {
            announced.merge(id, version, Math::max);
            return current != null && current.token().version() >= version ? current : null;
        });
    }

    private boolean unexpired(Near cached) {
        return cached.token().token().expiresAt().isAfter(clock.instant());
    }
}
