package dev.wxgate.adapters.persistence.token;

import dev.wxgate.domain.token.AccessToken;

/**
 * Adapter: access tokens in this JVM's memory, for the embedded default (one node): the
 * {@link InMemoryCredentialStore} of the access_token kind.
 */
public final class InMemoryTokenStore extends CredentialTokenStore {
    public InMemoryTokenStore() {
        super(new InMemoryCredentialStore<AccessToken>());
    }
}
