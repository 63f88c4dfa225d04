package dev.wxgate.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.redisson.config.Config;

class RedisClientConfigurationTest {

    @Test
    void theClientHasTwoThreadsOfEachKindPerCoreAndNeverFewerThanFour() {
        assertThat(RedisClientConfiguration.threadsFor(1)).isEqualTo(4);
        assertThat(RedisClientConfiguration.threadsFor(2)).isEqualTo(4);
        assertThat(RedisClientConfiguration.threadsFor(16)).isEqualTo(32);

        Config config = new Config();
        new RedisClientConfiguration().redisClientThreads().customize(config);

        int expected = RedisClientConfiguration.threadsFor(Runtime.getRuntime().availableProcessors());
        assertThat(config.getNettyThreads()).isEqualTo(expected);
        assertThat(config.getThreads()).isEqualTo(expected);
    }
}
