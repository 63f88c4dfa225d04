package dev.wxgate.adapters.persistence.token;

import dev.wxgate.adapters.persistence.RedisTopology;
import java.time.Duration;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.config.Config;
import org.redisson.config.ConstantDelay;

/** Redisson clients on a test's Redis, each a "node"; short timeouts and lease so failures show quickly. */
final class TestRedis {
    /** How long a dead holder's lock lives on (Redisson's lockWatchdogTimeout): short, so tests need not wait long. */
    static final Duration LEASE = Duration.ofSeconds(1);

    private TestRedis() {}

    static RedissonClient client() {
        return client(RedisTopology.STANDALONE);
    }

    static RedissonClient client(RedisTopology topology) {
        return topology.client(TestRedis::tune);
    }

    /** A client of the standalone Redis at {@code address} (a proxy in front of it, say). */
    static RedissonClient client(String address) {
        Config config = new Config();
        config.useSingleServer().setAddress(address);
        tune(config);
        return Redisson.create(config);
    }

    private static void tune(Config config) {
        config.setLockWatchdogTimeout(LEASE.toMillis());
        RedisTopology.servers(config)
                .setConnectTimeout(500)
                .setTimeout(500)
                .setRetryAttempts(1)
                .setRetryDelay(new ConstantDelay(Duration.ofMillis(100)))
                .setReconnectionDelay(new ConstantDelay(Duration.ofMillis(100)));
        RedisTopology.pools(config, 1, 8);
        RedisTopology.subscriptions(config, 1, 2);
    }
}
