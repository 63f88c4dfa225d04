package dev.wxgate.api;

import dev.wxgate.testfixtures.RedisClusterProcesses;
import org.redisson.config.BaseMasterSlaveServersConfig;
import org.redisson.config.Config;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** wxgate on a Redis Cluster (3 masters + 3 replicas) named by {@code spring.data.redis.cluster.nodes}. */
class RedisClusterApplicationTest extends RedisTopologyApplicationTest {
    private static final String PREFIX = freshPrefix();

    @DynamicPropertySource
    static void cluster(DynamicPropertyRegistry registry) {
        RedisClusterProcesses cluster = TopologyProcesses.cluster();
        registry.add(
                "spring.data.redis.cluster.nodes",
                () -> String.join(
                        ",",
                        cluster.nodes().stream()
                                .map(node -> node.host() + ":" + node.port())
                                .toList()));
        services(registry, PREFIX);
    }

    @Override
    boolean builtForThisTopology(Config config) {
        return config.isClusterConfig();
    }

    @Override
    BaseMasterSlaveServersConfig<?> servers(Config config) {
        return config.useClusterServers();
    }

    @Override
    String prefix() {
        return PREFIX;
    }
}
