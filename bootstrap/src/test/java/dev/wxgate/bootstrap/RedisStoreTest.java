package dev.wxgate.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wxgate.testfixtures.DatabaseFixture;
import dev.wxgate.testfixtures.RedisFixture;
import org.junit.jupiter.api.Test;
import org.redisson.api.RedissonClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@code wxgate.store=redis} brings Redisson, Redis's health contributor, console sessions in Redis and the shared
 * callbacks log, against a real Redis.
 */
@SpringBootTest(properties = {"wxgate.store=redis", "wxgate.sandbox.allow-in-cluster=true"})
@ActiveProfiles("test")
class RedisStoreTest {

    @DynamicPropertySource
    static void redis(DynamicPropertyRegistry registry) {
        RedisFixture redis = RedisFixture.get();
        registry.add("spring.data.redis.host", redis::host);
        registry.add("spring.data.redis.port", redis::port);
        // A redis store refuses an embedded H2 (each node would number users on its own).
        DatabaseFixture database = DatabaseFixture.postgres();
        registry.add("spring.datasource.url", database::jdbcUrl);
        registry.add("spring.datasource.username", database::username);
        registry.add("spring.datasource.password", database::password);
    }

    @Autowired
    ApplicationContext context;

    @Test
    void redissonIsConnectedAndRedisHealthIsReported() {
        RedissonClient redisson = context.getBean(RedissonClient.class);
        String key = RedisFixture.get().keyPrefix() + "store-probe";

        redisson.getBucket(key).set("up");

        assertThat(RedisFixture.get().command("GET", key)).isNotEmpty();
        assertThat(context.containsBean("redisHealthContributor")).isTrue();
        redisson.getBucket(key).delete();
    }

    @Test
    void consoleSessionsAndTheCallbacksLogAreInRedisOverRedissonsConnections() {
        assertThat(context.getBean(org.springframework.session.SessionRepository.class))
                .isInstanceOf(org.springframework.session.data.redis.RedisSessionRepository.class);
        assertThat(context.getBean(org.springframework.data.redis.connection.RedisConnectionFactory.class))
                .isInstanceOf(org.redisson.spring.data.connection.RedissonConnectionFactory.class);
        assertThat(context.getBean(dev.wxgate.domain.callback.CallbackLog.class))
                .isInstanceOf(dev.wxgate.adapters.persistence.callback.RedissonCallbackLog.class);
    }
}
