package dev.wxgate.api;

import dev.wxgate.testfixtures.DatabaseFixture;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The mini-program API suite with sessions and rate limits in Redis and users in MariaDB. */
class RedisMariaDbApiTest extends MiniProgramApiTest {

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        StoreProperties.redis(registry, "maria");
        StoreProperties.database(registry, DatabaseFixture.mariadb());
    }
}
