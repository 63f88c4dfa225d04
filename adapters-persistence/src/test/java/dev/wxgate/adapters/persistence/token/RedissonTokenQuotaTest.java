package dev.wxgate.adapters.persistence.token;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wxgate.adapters.persistence.RedisStores;
import dev.wxgate.domain.token.TokenQuota;
import dev.wxgate.testfixtures.RedisFixture;
import java.time.LocalDate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.redisson.api.RedissonClient;

class RedissonTokenQuotaTest extends AbstractTokenQuotaTest {
    private static RedissonClient client;
    private final String prefix = RedisFixture.get().freshPrefix();
    private final RedissonTokenQuota quota = new RedissonTokenQuota(RedisStores.of(client), prefix);

    @BeforeAll
    static void connect() {
        client = TestRedis.client();
    }

    @AfterAll
    static void disconnect() {
        client.shutdown();
    }

    @Override
    TokenQuota quota() {
        return quota;
    }

    @Test
    void aDaysCountsExpireOnTheirOwn() {
        LocalDate day = LocalDate.of(2026, 5, 1);
        quota.recordCall(app, day, false);

        String ttl = RedisFixture.get().command("PTTL", prefix + "{wxgate:token:" + app + "}:quota:" + day);
        assertThat(Long.parseLong(ttl.substring(1))).isBetween(1L, 3L * 24 * 3600 * 1000);
    }
}
