package dev.wxgate.adapters.persistence.token;

import dev.wxgate.domain.app.AppId;
import dev.wxgate.domain.token.AccessToken;
import dev.wxgate.domain.token.CredentialKey;
import dev.wxgate.domain.token.CredentialStore;
import dev.wxgate.domain.token.StoredCredential;
import dev.wxgate.domain.token.StoredToken;
import dev.wxgate.domain.token.TokenStore;
import java.time.Duration;
import java.util.Optional;

/**
 * Internal: a credential store of the access_token kind seen as the app-keyed {@link TokenStore}, so the memory and
 * Redis token stores are their generic credential stores with nothing of their own but the technology.
 */
abstract class CredentialTokenStore implements TokenStore {
    private final CredentialStore<AccessToken> store;

    CredentialTokenStore(CredentialStore<AccessToken> store) {
        this.store = store;
    }

    @Override
    public Optional<StoredToken> read(AppId appId) {
        return store.read(CredentialKey.accessToken(appId)).map(CredentialTokenStore::toToken);
    }

    @Override
    public Optional<StoredToken> readLatest(AppId appId) {
        return store.readLatest(CredentialKey.accessToken(appId)).map(CredentialTokenStore::toToken);
    }

    @Override
    public Optional<StoredToken> compareAndSet(AppId appId, long expectedVersion, AccessToken token, String fetchedBy) {
        return store.compareAndSet(CredentialKey.accessToken(appId), expectedVersion, token, fetchedBy)
                .map(CredentialTokenStore::toToken);
    }

    @Override
    public RefreshLock lock(AppId appId) {
        CredentialStore.RefreshLock lock = store.lock(CredentialKey.accessToken(appId));
        return new RefreshLock() {
            @Override
            public boolean tryLock(Duration wait) throws InterruptedException {
                return lock.tryLock(wait);
            }

            @Override
            public void unlock() {
                lock.unlock();
            }
        };
    }

    private static StoredToken toToken(StoredCredential<AccessToken> stored) {
        return new StoredToken(stored.credential(), stored.version(), stored.fetchedBy());
    }
}
