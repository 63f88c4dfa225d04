package dev.wxgate.application.token;

import dev.wxgate.domain.token.Credential;
import dev.wxgate.domain.token.CredentialKey;
import dev.wxgate.domain.token.CredentialStore;
import dev.wxgate.domain.token.StoredCredential;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/** A credential store in a map, compare-and-set under a monitor, a lock per key. */
final class FakeCredentialStore<C extends Credential> implements CredentialStore<C> {
    private final Map<CredentialKey, StoredCredential<C>> stored = new ConcurrentHashMap<>();
    private final Map<CredentialKey, ReentrantLock> locks = new ConcurrentHashMap<>();

    @Override
    public Optional<StoredCredential<C>> read(CredentialKey key) {
        return Optional.ofNullable(stored.get(key));
    }

    @Override
    public Optional<StoredCredential<C>> readLatest(CredentialKey key) {
        return read(key);
    }

    @Override
    public synchronized Optional<StoredCredential<C>> compareAndSet(
            CredentialKey key, long expectedVersion, C credential, String fetchedBy) {
        long version = read(key).map(StoredCredential::version).orElse(0L);
        if (version != expectedVersion) {
            return Optional.empty();
        }
        StoredCredential<C> next = new StoredCredential<>(credential, version + 1, fetchedBy);
        stored.put(key, next);
        return Optional.of(next);
    }

    @Override
    public RefreshLock lock(CredentialKey key) {
        ReentrantLock lock = locks.computeIfAbsent(key, k -> new ReentrantLock());
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
}
