package dev.wxgate.oauth;

import dev.wxgate.testfixtures.DatabaseFixture;
import dev.wxgate.testfixtures.RedisFixture;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The web login suite with logins in flight, sessions and rate limits in Redis, and users in PostgreSQL. */
class RedisPostgresWebLoginTest extends WebLoginTest {

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        RedisFixture redis = RedisFixture.get();
        registry.add("wxgate.store", () -> "redis");
        registry.add("spring.data.redis.host", redis::host);
        registry.add("spring.data.redis.port", redis::port);
        registry.add("wxgate.redis.key-prefix", () -> redis.keyPrefix() + "weblogin:");
        registry.add("wxgate.sandbox.allow-in-cluster", () -> "true");
        DatabaseFixture database = DatabaseFixture.postgres();
        registry.add("spring.datasource.url", database::jdbcUrl);
        registry.add("spring.datasource.username", database::username);
        registry.add("spring.datasource.password", database::password);
    }
}
