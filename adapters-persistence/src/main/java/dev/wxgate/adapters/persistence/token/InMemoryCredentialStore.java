package dev.wxgate.adapters.persistence.token;

import dev.wxgate.domain.token.Credential;
import dev.wxgate.domain.token.CredentialKey;
import dev.wxgate.domain.token.CredentialStore;
import dev.wxgate.domain.token.StoredCredential;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Adapter: credentials of any kind in this JVM's memory, for the embedded default (one node). The same semantics as
 * the Redis store within one process: compare-and-set on an {@link AtomicReference}, a {@link ReentrantLock} per key
 * with a bounded wait. The lock dies with the process; there is no near cache, the map is the store.
 */
public final class InMemoryCredentialStore<C extends Credential> implements CredentialStore<C> {
    private final ConcurrentHashMap<CredentialKey, AtomicReference<StoredCredential<C>>> credentials =
            new ConcurrentHashMap<>();
    private final ConcurrentHashMap<CredentialKey, ReentrantLock> locks = new ConcurrentHashMap<>();

    @Override
    public Optional<StoredCredential<C>> read(CredentialKey key) {
        return Optional.ofNullable(slot(key).get());
    }

    @Override
    public Optional<StoredCredential<C>> readLatest(CredentialKey key) {
        return read(key);
    }

    @Override
    public Optional<StoredCredential<C>> compareAndSet(
            CredentialKey key, long expectedVersion, C credential, String fetchedBy) {
        AtomicReference<StoredCredential<C>> slot = slot(key);
        StoredCredential<C> current = slot.get();
        long version = current == null ? 0 : current.version();
        if (version != expectedVersion) {
            return Optional.empty();
        }
        StoredCredential<C> next = new StoredCredential<>(credential, version + 1, fetchedBy);
        return slot.compareAndSet(current, next) ? Optional.of(next) : Optional.empty();
    }

    @Override
    public RefreshLock lock(CredentialKey key) {
        ReentrantLock lock = locks.computeIfAbsent(key, id -> new ReentrantLock());
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

    private AtomicReference<StoredCredential<C>> slot(CredentialKey key) {
        return credentials.computeIfAbsent(key, id -> new AtomicReference<>());
    }
}
