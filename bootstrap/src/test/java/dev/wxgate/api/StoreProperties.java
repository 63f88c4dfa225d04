package dev.wxgate.api;

import dev.wxgate.testfixtures.DatabaseFixture;
import dev.wxgate.testfixtures.RedisFixture;
import org.springframework.test.context.DynamicPropertyRegistry;

/** Points a wxgate test context at the real Redis and databases of the test fixtures. */
final class StoreProperties {
    private StoreProperties() {}

    static void redis(DynamicPropertyRegistry registry, String scope) {
        RedisFixture redis = RedisFixture.get();
        registry.add("wxgate.store", () -> "redis");
        registry.add("spring.data.redis.host", redis::host);
        registry.add("spring.data.redis.port", redis::port);
        registry.add("wxgate.redis.key-prefix", () -> redis.keyPrefix() + scope + ":");
        // One node in front of its own built-in sandbox: the demo case a cluster start refuses unless allowed.
        registry.add("wxgate.sandbox.allow-in-cluster", () -> "true");
    }

    static void database(DynamicPropertyRegistry registry, DatabaseFixture database) {
        registry.add("spring.datasource.url", database::jdbcUrl);
        registry.add("spring.datasource.username", database::username);
        registry.add("spring.datasource.password", database::password);
    }
}
