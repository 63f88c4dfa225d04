package dev.wxgate.api;

import dev.wxgate.testfixtures.DatabaseFixture;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The session_key lifecycle suite with sessions in Redis (re-keyed by a script) and users in PostgreSQL. */
class RedisSessionKeyLifecycleTest extends SessionKeyLifecycleTest {

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        StoreProperties.redis(registry, "sk");
        StoreProperties.database(registry, DatabaseFixture.postgres());
    }
}
