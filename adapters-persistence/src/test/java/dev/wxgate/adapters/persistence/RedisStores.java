package dev.wxgate.adapters.persistence;

import dev.wxgate.testfixtures.RedisFixture;
import java.time.Clock;
import java.time.Duration;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.config.Config;

/** A {@link RedisStore} around a test's client, with a quick probe; and such clients, one per simulated node. */
public final class RedisStores {
    private RedisStores() {}

    public static RedisStore of(RedissonClient client) {
        return new RedisStore(client, "", Duration.ofMillis(100), Clock.systemUTC());
    }

    /** A client of the fixture's Redis, as one node has it; the caller shuts it down. */
    public static RedissonClient client() {
        Config config = new Config();
        config.useSingleServer()
                .setAddress(RedisFixture.get().url())
                .setConnectionMinimumIdleSize(1)
                .setConnectionPoolSize(16);
        return Redisson.create(config);
    }
}
