package dev.wxgate.domain.token;

import dev.wxgate.domain.app.AppId;
import java.util.Optional;

/**
 * Secondary port: where each app's current access_token lives, shared by every wxgate node, with the per-app lock that
 * lets exactly one node refresh it.
 *
 * <p>Writes are compare-and-set on the version, so a token fetched by a slow node never overwrites the newer token a
 * faster node stored meanwhile. A store may keep a near cache on each node; every write drops the entry on every node
 * at once.
 *
 * @throws dev.wxgate.domain.StoreUnavailableException from any method when the store cannot be reached
 */
public interface TokenStore {

    /** The app's token as this node knows it: possibly from a near cache, which other nodes' writes drop at once. */
    Optional<StoredToken> read(AppId appId);

    /** The app's token as the store holds it right now, bypassing any near cache. */
    Optional<StoredToken> readLatest(AppId appId);

    /**
     * Stores {@code token} as version {@code expectedVersion + 1}, but only if the stored version is still
     * {@code expectedVersion} (0: no token stored yet); then tells every node. Returns the stored token, or empty when
     * another write came first (the caller's token is then older than the stored one and is dropped).
     */
    Optional<StoredToken> compareAndSet(AppId appId, long expectedVersion, AccessToken token, String fetchedBy);

    /** The app's refresh lock, held by at most one thread in the whole cluster. */
    RefreshLock lock(AppId appId);

    /** The credential machinery's cluster-wide lock, by the name the token adapters know. */
    interface RefreshLock extends CredentialStore.RefreshLock {}
}
