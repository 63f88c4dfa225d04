package dev.wxgate.adapters.persistence.token;

import dev.wxgate.testfixtures.RedisFixture;
import java.time.Duration;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.config.Config;
import org.redisson.config.ConstantDelay;

/** Redisson clients on the test run's Redis, each a "node"; short timeouts and lease so failures show quickly. */
final class TestRedis {
    /** How long a dead holder's lock lives on (Redisson's lockWatchdogTimeout): short, so tests need not wait long. */
    static final Duration LEASE = Duration.ofSeconds(1);

    private TestRedis() {}

    static RedissonClient client() {
        return client(RedisFixture.get().url());
    }

    static RedissonClient client(String address) {
        Config config = new Config();
        config.setLockWatchdogTimeout(LEASE.toMillis());
        config.useSingleServer()
                .setAddress(address)
                .setConnectTimeout(500)
                .setTimeout(500)
                .setRetryAttempts(1)
                .setRetryDelay(new ConstantDelay(Duration.ofMillis(100)))
                .setReconnectionDelay(new ConstantDelay(Duration.ofMillis(100)))
                .setConnectionMinimumIdleSize(1)
                .setConnectionPoolSize(8)
                .setSubscriptionConnectionMinimumIdleSize(1)
                .setSubscriptionConnectionPoolSize(2);
        return Redisson.create(config);
    }
}
