package dev.wxgate.api;

import dev.wxgate.testfixtures.DatabaseFixture;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The mini-program API suite with sessions and rate limits in Redis and users in PostgreSQL. */
class RedisPostgresApiTest extends MiniProgramApiTest {

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        StoreProperties.redis(registry, "pg");
        StoreProperties.database(registry, DatabaseFixture.postgres());
    }
}
