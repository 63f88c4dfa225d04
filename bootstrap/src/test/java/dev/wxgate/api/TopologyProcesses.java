package dev.wxgate.api;

import dev.wxgate.testfixtures.RedisClusterProcesses;
import dev.wxgate.testfixtures.RedisSentinelProcesses;

/**
 * The Redis Cluster and Sentinel topologies of this test JVM, each started on first use and stopped when the JVM exits:
 * after the Spring contexts that use them have closed, which a class's own {@code @AfterAll} would precede.
 */
final class TopologyProcesses {
    private TopologyProcesses() {}

    static RedisClusterProcesses cluster() {
        return Cluster.PROCESSES;
    }

    static RedisSentinelProcesses sentinel() {
        return Sentinel.PROCESSES;
    }

    private static final class Cluster {
        static final RedisClusterProcesses PROCESSES = stopOnExit(RedisClusterProcesses.start());
    }

    private static final class Sentinel {
        static final RedisSentinelProcesses PROCESSES = stopOnExit(RedisSentinelProcesses.start());
    }

    private static <T extends AutoCloseable> T stopOnExit(T processes) {
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(() -> {
            try {
                processes.close();
            } catch (Exception ignored) {
                // The JVM is exiting; each process's files are under target/.
            }
        }));
        return processes;
    }
}
