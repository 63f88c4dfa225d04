package dev.wxgate.adapters.persistence.token;

import dev.wxgate.adapters.persistence.RedisStore;
import dev.wxgate.domain.StoreUnavailableException;
import dev.wxgate.domain.app.AppId;
import dev.wxgate.domain.token.Credential;
import dev.wxgate.domain.token.CredentialKey;
import dev.wxgate.domain.token.CredentialKind;
import dev.wxgate.domain.token.CredentialStore;
import dev.wxgate.domain.token.StoredCredential;
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
 * Adapter: each app's credential of one kind (the access_token, a JS-SDK ticket) in Redis through Redisson, shared by
 * every wxgate node. Key names per kind: see {@link RedisKeys}.
 *
 * <ul>
 *   <li>State: a hash {@code <prefix>{wxgate:token:<appId>}:state} (value, fetchedAt, expiresAt in epoch ms, version,
 *       fetchedBy), readable with {@code HGETALL}.
 *   <li>Compare-and-set: one Lua script checks the version, writes the next one and publishes "appId version" on the
 *       kind's channel ({@code <prefix>wxgate:token:changed} for the access_token), all atomically.
 *   <li>Near cache: each node keeps the credentials it read, drops an entry as soon as a newer version is announced, and
 *       trusts an entry at most {@code nearCacheTtl} (a safety net should a message be lost); after Redis reconnects
 *       the whole cache is dropped. While Redis is unreachable, an entry is served until it expires: nobody
 *       can store a newer one meanwhile, and an access_token or a ticket lives up to two hours.
 *   <li>Lock: a Redisson {@link RLock} per app. Its lease is renewed by Redisson's watchdog while the holder lives
 *       (so a slow WeChat call keeps it) and ends {@code lockWatchdogTimeout} after the holder dies.
 * </ul>
 *
 * Every Redis failure surfaces as {@link StoreUnavailableException} (at once while the {@link RedisStore}'s breaker is
 * open); Redisson reconnects by itself, so the store recovers without a restart.
 */
public final class RedissonCredentialStore<C extends Credential> implements CredentialStore<C>, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RedissonCredentialStore.class);

    /** Rebuilds a credential of the store's kind from what Redis holds. */
    @FunctionalInterface
    public interface Factory<C extends Credential> {
        C create(String value, Instant fetchedAt, Instant expiresAt);
    }

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
    private final CredentialKind kind;
    private final Factory<C> factory;
    private final RedisKeys keys;
    private final long nearCacheTtlNanos;
    private final Clock clock;
    private final RTopic changes;
    /** The listeners' ids once subscribed; 0 until then (Redis did not answer when the store was made). */
    private volatile int messageListener;

    private volatile int statusListener;
    private final ConcurrentHashMap<AppId, Near<C>> near = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<AppId, Long> announced = new ConcurrentHashMap<>();
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();
    private final LongAdder outageHits = new LongAdder();

    private record Near<C extends Credential>(StoredCredential<C> stored, long loadedAt) {}

    /**
     * @param kind the one kind of credential this store keeps; keys of another kind are refused
     * @param factory rebuilds a credential from the stored value and instants
     * @param keyPrefix put before every key and the channel (may be empty; no braces)
     * @param nearCacheTtl the longest a node serves a credential it read without reading Redis again, while Redis
     *     answers
     * @param clock decides, while Redis is unreachable, whether a cached credential has expired
     */
    public RedissonCredentialStore(
            RedisStore redis,
            CredentialKind kind,
            Factory<C> factory,
            String keyPrefix,
            Duration nearCacheTtl,
            Clock clock) {
        this.redis = redis;
        this.kind = kind;
        this.factory = factory;
        this.keys = new RedisKeys(keyPrefix, kind);
        this.nearCacheTtlNanos = nearCacheTtl.toNanos();
        this.clock = clock;
        this.changes = redis.client().getTopic(keys.changes(), StringCodec.INSTANCE);
        try {
            subscribe();
        } catch (StoreUnavailableException notYet) {
            // A node may start while Redis is down: it subscribes on its first call that finds Redis back.
            log.debug("{} changes: not subscribed yet ({})", kind.label(), notYet.getMessage());
        }
    }

    /**
     * Subscribes to the kind's change announcements, once: Redisson resubscribes by itself after a reconnect. Until it
     * has, nothing is cached near, so no announcement can be missed.
     */
    private synchronized void subscribe() {
        if (statusListener != 0) {
            return;
        }
        if (messageListener == 0) {
            messageListener = redis.call(
                    "subscribe to " + kind.label() + " changes",
                    () -> changes.addListener(String.class, (channel, message) -> announced(message)));
        }
        statusListener = redis.call(
                "subscribe to " + kind.label() + " changes",
                () -> changes.addListener(new BaseStatusListener() {
                    @Override
                    public void onSubscribe(String channel) {
                        // Also after a reconnect: announcements may have been missed while the connection was down.
                        near.clear();
                    }
                }));
    }

    @Override
    public Optional<StoredCredential<C>> read(CredentialKey key) {
        AppId appId = owner(key);
        Near<C> cached = near.get(appId);
        if (cached != null && System.nanoTime() - cached.loadedAt() < nearCacheTtlNanos) {
            hits.increment();
            return Optional.of(cached.stored());
        }
        if (cached != null && redis.isDown() && unexpired(cached)) {
            outageHits.increment();
            return Optional.of(cached.stored());
        }
        misses.increment();
        Optional<StoredCredential<C>> latest;
        try {
            latest = readLatest(key);
        } catch (StoreUnavailableException down) {
            // This call may be the one that found Redis gone: the cached credential stays good until it expires.
            if (cached != null && unexpired(cached)) {
                outageHits.increment();
                return Optional.of(cached.stored());
            }
            throw down;
        }
        latest.ifPresent(stored -> remember(appId, stored));
        return latest;
    }

    @Override
    public Optional<StoredCredential<C>> readLatest(CredentialKey key) {
        AppId appId = owner(key);
        if (statusListener == 0) {
            subscribe();
        }
        Map<String, String> fields = redis.call("read the " + what(key), () -> redis.client()
                .<String, String>getMap(keys.state(appId), StringCodec.INSTANCE)
                .readAllMap());
        if (fields.isEmpty()) {
            return Optional.empty();
        }
        try {
            C credential = factory.create(
                    fields.get("value"),
                    Instant.ofEpochMilli(Long.parseLong(fields.get("fetchedAt"))),
                    Instant.ofEpochMilli(Long.parseLong(fields.get("expiresAt"))));
            return Optional.of(
                    new StoredCredential<>(credential, Long.parseLong(fields.get("version")), fields.get("fetchedBy")));
        } catch (RuntimeException unreadable) {
            throw new StoreUnavailableException(
                    "the " + what(key) + " in Redis (" + keys.state(appId) + ") is unreadable; delete the key",
                    unreadable);
        }
    }

    @Override
    public Optional<StoredCredential<C>> compareAndSet(
            CredentialKey key, long expectedVersion, C credential, String fetchedBy) {
        AppId appId = owner(key);
        if (statusListener == 0) {
            subscribe();
        }
        // Redis keeps milliseconds: the stored credential is what every node will read back.
        C stored = factory.create(
                credential.value(),
                Instant.ofEpochMilli(credential.fetchedAt().toEpochMilli()),
                Instant.ofEpochMilli(credential.expiresAt().toEpochMilli()));
        Long version = redis.call("store the " + what(key), () -> redis.client()
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
        StoredCredential<C> written = new StoredCredential<>(stored, version, fetchedBy);
        remember(appId, written);
        return Optional.of(written);
    }

    @Override
    public RefreshLock lock(CredentialKey key) {
        AppId appId = owner(key);
        RLock lock = redis.client().getLock(keys.lock(appId));
        return new RefreshLock() {
            @Override
            public boolean tryLock(Duration wait) throws InterruptedException {
                // No lease time: Redisson's watchdog renews the lease while this node lives.
                return redis.call("lock the " + what(key), () -> {
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
                    redis.call("release the refresh lock of the " + what(key), () -> {
                        lock.unlock();
                        return null;
                    });
                } catch (IllegalMonitorStateException leaseEnded) {
                    log.warn(
                            "app {}: the {} refresh lock's lease had ended before this node released it",
                            appId,
                            kind.label());
                } catch (StoreUnavailableException unreachable) {
                    log.warn(
                            "app {}: could not release the {} refresh lock ({}); its lease ends by itself",
                            appId,
                            kind.label(),
                            unreachable.getMessage());
                }
            }
        };
    }

    /** The kind this store keeps. */
    public CredentialKind kind() {
        return kind;
    }

    /** Reads answered from the near cache, since start. */
    public long nearCacheHits() {
        return hits.sum();
    }

    /** Reads that went to Redis because the near cache had no fresh entry, since start. */
    public long nearCacheMisses() {
        return misses.sum();
    }

    /** Reads the near cache answered because Redis was unreachable (the credential not yet expired), since start. */
    public long nearCacheOutageHits() {
        return outageHits.sum();
    }

    @Override
    public void close() {
        try {
            if (statusListener != 0 || messageListener != 0) {
                changes.removeListener(messageListener, statusListener);
            }
        } catch (RuntimeException alreadyDown) {
            log.debug("{} change listeners not removed: {}", kind.label(), alreadyDown.getMessage());
        }
        near.clear();
    }

    /** "token of app wx…" for the access_token, as operators have always read it; "jsapi_ticket of app wx…". */
    private static String what(CredentialKey key) {
        return key.kind() == CredentialKind.ACCESS_TOKEN ? "token of app " + key.owner() : key.describe();
    }

    private AppId owner(CredentialKey key) {
        if (key.kind() != kind) {
            throw new IllegalArgumentException("this store keeps " + kind.label() + ", not " + key);
        }
        return key.owner();
    }

    private void remember(AppId appId, StoredCredential<C> stored) {
        near.compute(appId, (id, current) -> {
            if (stored.version() < announced.getOrDefault(id, 0L)) {
                return current; // a newer version was announced while this one was read
            }
            if (current != null && current.stored().version() > stored.version()) {
                return current;
            }
            return new Near<>(stored, System.nanoTime());
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
            log.debug("ignored a malformed {} change announcement", kind.label());
            return;
        }
        near.compute(appId, (id, current) -> {
            announced.merge(id, version, Math::max);
            return current != null && current.stored().version() >= version ? current : null;
        });
    }

    private boolean unexpired(Near<C> cached) {
        return cached.stored().credential().expiresAt().isAfter(clock.instant());
    }
}
