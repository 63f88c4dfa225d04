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

/**
 * What one credential kind plugs into the {@link CredentialRefresher}: where it is stored, how it is fetched, where its
 * calls are counted, and its force budget per key (empty: the kind cannot be forced, as WeChat's tickets cannot).
 */
public record CredentialPorts<C extends Credential>(
        CredentialStore<C> store,
        CredentialFetcher<C> fetcher,
        CredentialQuota quota,
        Function<CredentialKey, Optional<ForceBudget>> forceBudget) {

    public CredentialPorts {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(fetcher, "fetcher");
        Objects.requireNonNull(quota, "quota");
        Objects.requireNonNull(forceBudget, "forceBudget");
    }
}
