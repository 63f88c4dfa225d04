package dev.wxgate.api;

import dev.wxgate.testfixtures.RedisSentinelProcesses;
import dev.wxgate.testfixtures.SharedRedisTopologies;
import org.redisson.config.BaseMasterSlaveServersConfig;
import org.redisson.config.Config;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * wxgate behind Redis Sentinel (a master, a replica, three sentinels) named by
 * {@code spring.data.redis.sentinel.master} and {@code .nodes}.
 */
class RedisSentinelApplicationTest extends RedisTopologyApplicationTest {
    private static final String PREFIX = freshPrefix();

    @DynamicPropertySource
    static void sentinel(DynamicPropertyRegistry registry) {
        RedisSentinelProcesses sentinel = SharedRedisTopologies.sentinel();
        registry.add("spring.data.redis.sentinel.master", () -> RedisSentinelProcesses.MASTER_NAME);
        registry.add("spring.data.redis.sentinel.nodes", () -> String.join(",", sentinel.sentinelNodes()));
        services(registry, PREFIX);
    }

    @Override
    boolean builtForThisTopology(Config config) {
        return config.isSentinelConfig();
    }

    @Override
    BaseMasterSlaveServersConfig<?> servers(Config config) {
        return config.useSentinelServers();
    }

    @Override
    String prefix() {
        return PREFIX;
    }
}
