package dev.wxgate.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.redisson.config.Config;
import org.redisson.config.ConstantDelay;
import org.redisson.config.ReadMode;
import org.springframework.mock.env.MockEnvironment;

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

    @Test
    void theClientRetriesOnce200MillisecondsLaterOnTheTopologyTheStarterBuilt() {
        Config single = new Config();
        single.useSingleServer().setAddress("redis://127.0.0.1:6379");
        RedisClientConfiguration.retryBriefly(single);
        assertThat(single.useSingleServer().getRetryAttempts()).isEqualTo(1);
        assertThat(single.useSingleServer().getRetryDelay()).isInstanceOf(ConstantDelay.class);
        assertThat(single.useSingleServer().getAddress()).isEqualTo("redis://127.0.0.1:6379");

        Config cluster = new Config();
        cluster.useClusterServers().addNodeAddress("redis://127.0.0.1:7000");
        RedisClientConfiguration.retryBriefly(cluster);
        assertThat(cluster.useClusterServers().getRetryAttempts()).isEqualTo(1);
        assertThat(cluster.isSingleConfig()).isFalse();
    }

    @Test
    void onClusterAndSentinelEveryCommandGoesToAMasterAndTheClusterIsScannedEverySecond() {
        Config cluster = new Config();
        cluster.useClusterServers().addNodeAddress("redis://127.0.0.1:7000");
        new RedisClientConfiguration().redisClientRetries(new MockEnvironment()).customize(cluster);
        assertThat(cluster.useClusterServers().getReadMode()).isEqualTo(ReadMode.MASTER);
        assertThat(cluster.useClusterServers().getScanInterval()).isEqualTo(1000);

        Config sentinel = new Config();
        sentinel.useSentinelServers().setMasterName("m").addSentinelAddress("redis://127.0.0.1:26379");
        new RedisClientConfiguration().redisClientRetries(new MockEnvironment()).customize(sentinel);
        assertThat(sentinel.useSentinelServers().getReadMode()).isEqualTo(ReadMode.MASTER);
    }

    @Test
    void aRedissonYamlKeepsItsOwnRetries() {
        MockEnvironment withYaml = new MockEnvironment().withProperty("spring.redis.redisson.file", "classpath:r.yaml");
        Config config = new Config();
        config.useSingleServer().setAddress("redis://127.0.0.1:6379").setRetryAttempts(7);

        new RedisClientConfiguration().redisClientRetries(withYaml).customize(config);

        assertThat(config.useSingleServer().getRetryAttempts()).isEqualTo(7);
        new RedisClientConfiguration().redisClientRetries(new MockEnvironment()).customize(config);
        assertThat(config.useSingleServer().getRetryAttempts()).isEqualTo(1);
    }
}
