package dev.wxgate.adapters.persistence;

import java.time.Clock;
import java.time.Duration;
import org.redisson.api.RedissonClient;

/** A {@link RedisStore} around a test's client, with a quick probe; and such clients, one per simulated node
 * (on other topologies: {@link RedisTopology#client()}). */
public final class RedisStores {
    private RedisStores() {}

    public static RedisStore of(RedissonClient client) {
        return new RedisStore(client, "", Duration.ofMillis(100), Clock.systemUTC());
    }

    /** A client of the fixture's standalone Redis, as one node has it; the caller shuts it down. */
    public static RedissonClient client() {
        return RedisTopology.STANDALONE.client();
    }
}
