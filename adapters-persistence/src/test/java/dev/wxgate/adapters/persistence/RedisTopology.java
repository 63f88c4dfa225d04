package dev.wxgate.adapters.persistence;

import dev.wxgate.testfixtures.RedisClusterProcesses;
import dev.wxgate.testfixtures.RedisFixture;
import dev.wxgate.testfixtures.RedisSentinelProcesses;
import dev.wxgate.testfixtures.SharedRedisTopologies;
import java.util.function.Consumer;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.config.BaseConfig;
import org.redisson.config.BaseMasterSlaveServersConfig;
import org.redisson.config.Config;
import org.redisson.config.ReadMode;
import org.redisson.config.SingleServerConfig;

/**
 * The three ways a wxgate node reaches Redis, for the Redisson adapters' contract tests ({@code @ParameterizedClass
 * @EnumSource(RedisTopology.class)}): the run's standalone Redis, a Redis Cluster (3 masters + 3 replicas) and a
 * Sentinel topology (master, replica, 3 sentinels). Cluster and Sentinel are local processes started once per test JVM,
 * both together on first use of either, and stopped when it exits. Clients read from masters only, as bootstrap
 * configures wxgate's: a replica may not have a write yet.
 */
public enum RedisTopology {
    STANDALONE,
    CLUSTER,
    SENTINEL;

    /** A client of this topology with small pools, as one node has it; the caller shuts it down. */
    public RedissonClient client() {
        return client(config -> {});
    }

    /**
     * A client of this topology; {@code tune} may change the {@link Config} and, through {@link #servers(Config)} and
     * {@link #pools(Config, int, int)}, the server part the topology set up. The caller shuts it down.
     */
    public RedissonClient client(Consumer<Config> tune) {
        Config config = new Config();
        switch (this) {
            case STANDALONE ->
                config.useSingleServer().setAddress(RedisFixture.get().url());
            case CLUSTER ->
                config.useClusterServers()
                        .addNodeAddress(cluster().seedUrls().toArray(new String[0]))
                        .setReadMode(ReadMode.MASTER);
            case SENTINEL ->
                config.useSentinelServers()
                        .setMasterName(RedisSentinelProcesses.MASTER_NAME)
                        .addSentinelAddress(sentinel().sentinelUrls().toArray(new String[0]))
                        .setReadMode(ReadMode.MASTER);
        }
        pools(config, 1, 16);
        tune.accept(config);
        return Redisson.create(config);
    }

    /** The server part of {@code config} (single, cluster or sentinel): timeouts, retries, pings. */
    public static BaseConfig<?> servers(Config config) {
        if (config.isClusterConfig()) {
            return config.useClusterServers();
        }
        if (config.isSentinelConfig()) {
            return config.useSentinelServers();
        }
        return config.useSingleServer();
    }

    /** Sets the connection pool (of each master, where there are several) and the subscription pool's idle size. */
    public static void pools(Config config, int minimumIdle, int size) {
        BaseConfig<?> servers = servers(config);
        if (servers instanceof SingleServerConfig single) {
            single.setConnectionMinimumIdleSize(minimumIdle).setConnectionPoolSize(size);
        } else if (servers instanceof BaseMasterSlaveServersConfig<?> masters) {
            masters.setMasterConnectionMinimumIdleSize(minimumIdle)
                    .setMasterConnectionPoolSize(size)
                    .setSlaveConnectionMinimumIdleSize(0);
        }
    }

    /** Sets the subscription connection pool (of each node that publishes, where there are several). */
    public static void subscriptions(Config config, int minimumIdle, int size) {
        BaseConfig<?> servers = servers(config);
        if (servers instanceof SingleServerConfig single) {
            single.setSubscriptionConnectionMinimumIdleSize(minimumIdle).setSubscriptionConnectionPoolSize(size);
        } else if (servers instanceof BaseMasterSlaveServersConfig<?> masters) {
            masters.setSubscriptionConnectionMinimumIdleSize(minimumIdle).setSubscriptionConnectionPoolSize(size);
        }
    }

    /** The Cluster's processes (started on first use), for tests that look at the topology itself. */
    public static RedisClusterProcesses cluster() {
        return SharedRedisTopologies.cluster();
    }

    /** The Sentinel topology's processes (started on first use). */
    public static RedisSentinelProcesses sentinel() {
        return SharedRedisTopologies.sentinel();
    }
}
