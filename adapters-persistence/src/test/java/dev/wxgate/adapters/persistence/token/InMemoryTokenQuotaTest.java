package dev.wxgate.adapters.persistence.token;

import dev.wxgate.domain.token.QuotaClears;
import dev.wxgate.domain.token.TokenQuota;

class InMemoryTokenQuotaTest extends AbstractTokenQuotaTest {
    private final InMemoryTokenQuota quota = new InMemoryTokenQuota();

    @Override
    TokenQuota quota() {
        return quota;
    }

    @Override
    QuotaClears clears() {
        return quota;
    }
}
