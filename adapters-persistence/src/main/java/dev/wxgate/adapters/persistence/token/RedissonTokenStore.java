package dev.wxgate.adapters.persistence.token;

import dev.wxgate.adapters.persistence.RedisStore;
import dev.wxgate.domain.token.AccessToken;
import dev.wxgate.domain.token.CredentialKind;
import dev.wxgate.domain.token.TokenStore;
import java.time.Clock;
import java.time.Duration;

/**
 * Adapter: each app's access_token in Redis through Redisson, shared by every wxgate node: the
 * {@link RedissonCredentialStore} of the access_token kind (keys {@code <prefix>{wxgate:token:<appId>}:state} and
 * {@code :lock}, channel {@code <prefix>wxgate:token:changed}), seen as the app-keyed {@link TokenStore}.
 */
public final class RedissonTokenStore extends CredentialTokenStore implements AutoCloseable {
    private final RedissonCredentialStore<AccessToken> store;

    /**
     * @param keyPrefix put before every key and the channel (may be empty; no braces)
     * @param nearCacheTtl the longest a node serves a token it read without reading Redis again, while Redis answers
     * @param clock decides, while Redis is unreachable, whether a cached token has expired
     */
    public RedissonTokenStore(RedisStore redis, String keyPrefix, Duration nearCacheTtl, Clock clock) {
        this(new RedissonCredentialStore<>(
                redis, CredentialKind.ACCESS_TOKEN, AccessToken::new, keyPrefix, nearCacheTtl, clock));
    }

    private RedissonTokenStore(RedissonCredentialStore<AccessToken> store) {
        super(store);
        this.store = store;
    }

    /** Reads answered from the near cache, since start. */
    public long nearCacheHits() {
        return store.nearCacheHits();
    }

    /** Reads that went to Redis because the near cache had no fresh entry, since start. */
    public long nearCacheMisses() {
        return store.nearCacheMisses();
    }

    /** Reads answered from the near cache because Redis was unreachable (the token not yet expired), since start. */
    public long nearCacheOutageHits() {
        return store.nearCacheOutageHits();
    }

    @Override
    public void close() {
        store.close();
    }
}
