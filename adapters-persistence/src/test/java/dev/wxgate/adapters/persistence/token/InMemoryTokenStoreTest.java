package dev.wxgate.adapters.persistence.token;

import dev.wxgate.domain.token.TokenStore;

/** The token store contract in memory: both "nodes" are the one instance, as in the embedded default. */
class InMemoryTokenStoreTest extends AbstractTokenStoreTest {
    private final InMemoryTokenStore store = new InMemoryTokenStore();

    @Override
    TokenStore node1() {
        return store;
    }

    @Override
    TokenStore node2() {
        return store;
    }
}
