package dev.wxgate.adapters.persistence.token;

import dev.wxgate.domain.app.AppId;
import dev.wxgate.domain.token.AccessToken;
import dev.wxgate.domain.token.StoredToken;
import dev.wxgate.domain.token.TokenStore;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Adapter: tokens in this JVM's memory, for the embedded default (one node). The same semantics as the Redis store
 * within one process: compare-and-set on an {@link AtomicReference}, a {@link ReentrantLock} per app with a bounded
 * wait. The lock dies with the process; there is no near cache, the map is the store.
 */
public final class InMemoryTokenStore implements TokenStore {
    private final ConcurrentHashMap<AppId, AtomicReference<StoredToken>> tokens = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<AppId, ReentrantLock> locks = new ConcurrentHashMap<>();

    @Override
    public Optional<StoredToken> read(AppId appId) {
        return Optional.ofNullable(slot(appId).get());
    }

    @Override
    public Optional<StoredToken> readLatest(AppId appId) {
        return read(appId);
    }

    @Override
    public Optional<StoredToken> compareAndSet(AppId appId, long expectedVersion, AccessToken token, String fetchedBy) {
        AtomicReference<StoredToken> slot = slot(appId);
        StoredToken current = slot.get();
        long version = current == null ? 0 : current.version();
        if (version != expectedVersion) {
            return Optional.empty();
        }
        StoredToken next = new StoredToken(token, version + 1, fetchedBy);
        return slot.compareAndSet(current, next) ? Optional.of(next) : Optional.empty();
    }

    @Override
    public RefreshLock lock(AppId appId) {
        ReentrantLock lock = locks.computeIfAbsent(appId, id -> new ReentrantLock());
        return new RefreshLock() {
            @Override
            public boolean tryLock(Duration wait) throws InterruptedException {
                return lock.tryLock(wait.toNanos(), TimeUnit.NANOSECONDS);
            }

            @Override
            public void unlock() {
                if (lock.isHeldByCurrentThread()) {
                    lock.unlock();
                }
            }
        };
    }

    private AtomicReference<StoredToken> slot(AppId appId) {
        return tokens.computeIfAbsent(appId, id -> new AtomicReference<>());
    }
}
