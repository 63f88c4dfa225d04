package dev.wxgate.testfixtures;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The Cluster and Sentinel fixtures form their topology, fail over when a master dies, and stop every process. */
class RedisTopologiesTest {
    private static final Duration FAILOVER = Duration.ofSeconds(30);

    @Test
    void aClusterFormsAndFailsAMasterOverToItsReplica() {
        RedisClusterProcesses stopped;
        try (RedisClusterProcesses cluster = RedisClusterProcesses.start()) {
            stopped = cluster;
            assertThat(cluster.masters()).hasSize(3);
            RedisServerProcess master = cluster.masterOf("{app}:token");
            assertThat(RedisCli.run(master.port(), "SET", "{app}:token", "t1")).contains("OK");

            cluster.failOver(master, FAILOVER);

            RedisServerProcess promoted = cluster.masterOf("{app}:token");
            assertThat(promoted).isNotSameAs(master);
            assertThat(cluster.masters()).hasSize(3);
            // Written before the failover, after the replica had synced: the promoted replica has it.
            assertThat(RedisCli.run(promoted.port(), "GET", "{app}:token")).contains("t1");

            master.restart(); // rejoins as a replica of the node that took its slots
            cluster.awaitHealthy(FAILOVER);
            assertThat(cluster.masters()).hasSize(3);
        }
        assertThat(stopped.nodes()).noneMatch(RedisServerProcess::running);
    }

    @Test
    void sentinelsPromoteTheReplicaWhenTheMasterDies() {
        RedisSentinelProcesses stopped;
        try (RedisSentinelProcesses sentinel = RedisSentinelProcesses.start()) {
            stopped = sentinel;
            RedisServerProcess master = sentinel.master();
            assertThat(master).isSameAs(sentinel.servers().getFirst());
            assertThat(sentinel.sentinelNodes()).hasSize(3);

            RedisServerProcess promoted = sentinel.failOver(FAILOVER);

            assertThat(promoted).isNotSameAs(master);
            assertThat(sentinel.master()).isSameAs(promoted);
        }
        assertThat(stopped.servers()).noneMatch(RedisServerProcess::running);
        assertThat(stopped.sentinels()).noneMatch(RedisServerProcess::running);
    }
}
