package dev.wxgate.application.token;

import dev.wxgate.domain.token.Credential;
import dev.wxgate.domain.token.CredentialFetcher;
import dev.wxgate.domain.token.CredentialKey;
import dev.wxgate.domain.token.CredentialQuota;
import dev.wxgate.domain.token.CredentialStore;
import dev.wxgate.domain.token.ForceBudget;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * What one credential kind plugs into the {@link CredentialRefresher}: where it is stored, how it is fetched, where its
 * calls are counted, its force budget per key (empty: the kind cannot be forced, as WeChat's tickets cannot), and its
 * daily quota per key (empty: the one in {@link TokenSettings#dailyQuota()} for every key).
 */
public record CredentialPorts<C extends Credential>(
        CredentialStore<C> store,
        CredentialFetcher<C> fetcher,
        CredentialQuota quota,
        Function<CredentialKey, Optional<ForceBudget>> forceBudget,
        Optional<ToLongFunction<CredentialKey>> dailyQuota) {

    public CredentialPorts {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(fetcher, "fetcher");
        Objects.requireNonNull(quota, "quota");
        Objects.requireNonNull(forceBudget, "forceBudget");
        Objects.requireNonNull(dailyQuota, "dailyQuota");
    }

    /** A kind whose every key has the settings' daily quota. */
    public CredentialPorts(
            CredentialStore<C> store,
            CredentialFetcher<C> fetcher,
            CredentialQuota quota,
            Function<CredentialKey, Optional<ForceBudget>> forceBudget) {
        this(store, fetcher, quota, forceBudget, Optional.empty());
    }
}
