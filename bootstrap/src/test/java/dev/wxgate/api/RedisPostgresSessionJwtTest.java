package dev.wxgate.api;

import dev.wxgate.testfixtures.DatabaseFixture;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The session JWT suite with sessions in Redis and the signing keys in PostgreSQL. */
class RedisPostgresSessionJwtTest extends SessionJwtTest {

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        StoreProperties.redis(registry, "jwt-postgres");
        StoreProperties.database(registry, DatabaseFixture.postgres());
    }
}
