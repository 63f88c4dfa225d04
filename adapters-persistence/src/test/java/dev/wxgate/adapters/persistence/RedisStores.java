package dev.wxgate.adapters.persistence;

import java.time.Clock;
import java.time.Duration;
import org.redisson.api.RedissonClient;

/** A {@link RedisStore} around a test's client, with a quick probe. */
public final class RedisStores {
    private RedisStores() {}

    public static RedisStore of(RedissonClient client) {
        return new RedisStore(client, "", Duration.ofMillis(100), Clock.systemUTC());
    }
}
