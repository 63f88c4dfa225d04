package dev.wxgate.adapters.persistence.token;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wxgate.adapters.persistence.RedisStores;
import dev.wxgate.adapters.persistence.RedisTopology;
import dev.wxgate.domain.token.QuotaClears;
import dev.wxgate.domain.token.TokenQuota;
import dev.wxgate.testfixtures.RedisFixture;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.redisson.api.RedissonClient;

@ParameterizedClass
@EnumSource(RedisTopology.class)
class RedissonTokenQuotaTest extends AbstractTokenQuotaTest {
    /** Standalone, Cluster or Sentinel: every test runs on each. */
    @Parameter
    RedisTopology topology;

    private static RedissonClient client;
    private final String prefix = RedisFixture.get().freshPrefix();
    private final RedissonTokenQuota quota = new RedissonTokenQuota(RedisStores.of(client), prefix);

    @BeforeParameterizedClassInvocation
    static void connect(RedisTopology topology) {
        client = TestRedis.client(topology);
    }

    @AfterParameterizedClassInvocation
    static void disconnect() {
        client.shutdown();
    }

    @Override
    TokenQuota quota() {
        return quota;
    }

    @Override
    QuotaClears clears() {
        return quota;
    }

    @Test
    void aDaysCountsExpireOnTheirOwn() {
        LocalDate day = LocalDate.of(2026, 5, 1);
        quota.recordCall(app, day, false);

        long ttl = client.getKeys().remainTimeToLive(prefix + "{wxgate:token:" + app + "}:quota:" + day);
        assertThat(ttl).isBetween(1L, 3L * 24 * 3600 * 1000);
    }
}
