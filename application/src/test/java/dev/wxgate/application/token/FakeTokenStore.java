package dev.wxgate.application.token;

import dev.wxgate.domain.app.AppId;
import dev.wxgate.domain.token.AccessToken;
import dev.wxgate.domain.token.StoredToken;
import dev.wxgate.domain.token.TokenStore;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * The token store as one JVM sees it, with hooks a test uses to play "another node" at the exact moment that matters:
 * right after a lock is taken, or right before a compare-and-set.
 */
final class FakeTokenStore implements TokenStore {
    private final Map<AppId, StoredToken> tokens = new ConcurrentHashMap<>();
    private final Map<AppId, ReentrantLock> locks = new ConcurrentHashMap<>();
    volatile Consumer<AppId> afterLock = appId -> {};
    volatile Consumer<AppId> beforeCompareAndSet = appId -> {};
    volatile Consumer<AppId> beforeUnlock = appId -> {};

    @Override
    public Optional<StoredToken> read(AppId appId) {
        return Optional.ofNullable(tokens.get(appId));
    }

    @Override
    public Optional<StoredToken> readLatest(AppId appId) {
        return read(appId);
    }

    @Override
    public Optional<StoredToken> compareAndSet(AppId appId, long expectedVersion, AccessToken token, String fetchedBy) {
        beforeCompareAndSet.accept(appId);
        StoredToken[] written = new StoredToken[1];
        tokens.compute(appId, (id, current) -> {
            long version = current == null ? 0 : current.version();
            if (version != expectedVersion) {
                return current;
            }
            written[0] = new StoredToken(token, version + 1, fetchedBy);
            return written[0];
        });
        return Optional.ofNullable(written[0]);
    }

    /** Writes as another node would, whatever is stored. */
    StoredToken put(AppId appId, AccessToken token, String node) {
        return tokens.compute(
                appId, (id, current) -> new StoredToken(token, current == null ? 1 : current.version() + 1, node));
    }

    /** How many threads wait for the app's lock. */
    int waitingFor(AppId appId) {
        ReentrantLock lock = locks.get(appId);
        return lock == null ? 0 : lock.getQueueLength();
    }

    @Override
    public RefreshLock lock(AppId appId) {
        ReentrantLock lock = locks.computeIfAbsent(appId, id -> new ReentrantLock());
        return new RefreshLock() {
            @Override
            public boolean tryLock(Duration wait) throws InterruptedException {
                boolean held = lock.tryLock(wait.toNanos(), TimeUnit.NANOSECONDS);
                if (held) {
                    afterLock.accept(appId);
                }
                return held;
            }

            @Override
            public void unlock() {
                beforeUnlock.accept(appId);
                lock.unlock();
            }
        };
    }
}
