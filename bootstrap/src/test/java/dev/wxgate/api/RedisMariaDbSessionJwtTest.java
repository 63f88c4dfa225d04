package dev.wxgate.api;

import dev.wxgate.testfixtures.DatabaseFixture;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The session JWT suite with sessions in Redis and the signing keys in MariaDB. */
class RedisMariaDbSessionJwtTest extends SessionJwtTest {

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        StoreProperties.redis(registry, "jwt-mariadb");
        StoreProperties.database(registry, DatabaseFixture.mariadb());
    }
}
