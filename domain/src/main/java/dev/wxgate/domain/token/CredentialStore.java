package dev.wxgate.domain.token;

import java.time.Duration;
import java.util.Optional;

/**
 * Secondary port: where one kind of credential lives, shared by every wxgate node, with the per-key lock that lets
 * exactly one node refresh it. Writes are compare-and-set on the version, so a credential fetched by a slow node never
 * overwrites the newer one a faster node stored meanwhile. The access_token's {@link TokenStore} is seen through this
 * port; a ticket kind implements it directly.
 *
 * @throws dev.wxgate.domain.StoreUnavailableException from any method when the store cannot be reached
 */
public interface CredentialStore<C extends Credential> {

    /** The credential as this node knows it: possibly from a near cache, which other nodes' writes drop at once. */
    Optional<StoredCredential<C>> read(CredentialKey key);

    /** The credential as the store holds it right now, bypassing any near cache. */
    Optional<StoredCredential<C>> readLatest(CredentialKey key);

    /**
     * Stores {@code credential} as version {@code expectedVersion + 1}, but only if the stored version is still
     * {@code expectedVersion} (0: none stored yet). Empty when another write came first.
     */
    Optional<StoredCredential<C>> compareAndSet(
            CredentialKey key, long expectedVersion, C credential, String fetchedBy);

    /** The key's refresh lock, held by at most one thread in the whole cluster. */
    RefreshLock lock(CredentialKey key);

    /** A cluster-wide lock whose lease outlives a slow holder and ends soon after the holder dies. */
    interface RefreshLock {

        /** Waits at most {@code wait} (zero: not at all) for the lock; true when this thread now holds it. */
        boolean tryLock(Duration wait) throws InterruptedException;

        /** Releases the lock held by this thread; harmless when its lease already ended. */
        void unlock();
    }
}
