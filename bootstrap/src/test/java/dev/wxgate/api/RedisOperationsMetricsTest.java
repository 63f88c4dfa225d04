package dev.wxgate.api;

import dev.wxgate.testfixtures.DatabaseFixture;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The operations metrics with sessions in Redis (the active-session gauge read cluster-wide) and users in PostgreSQL. */
class RedisOperationsMetricsTest extends OperationsMetricsTest {

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        StoreProperties.redis(registry, "metrics");
        StoreProperties.database(registry, DatabaseFixture.postgres());
    }
}
