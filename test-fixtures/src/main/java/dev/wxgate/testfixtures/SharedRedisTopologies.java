package dev.wxgate.testfixtures;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * The Redis Cluster and Sentinel topologies one test JVM shares: started together, in the background, when either is
 * first asked for (most of a start is waiting for the nodes to find each other, so the second costs little on top of
 * the first), and stopped when the JVM exits, after the Spring contexts that use them have closed (which a class's own
 * {@code @AfterAll} would precede). A test that kills or moves a master leaves the topology healthy for the next.
 */
public final class SharedRedisTopologies {
    private SharedRedisTopologies() {}

    public static RedisClusterProcesses cluster() {
        return await(Started.CLUSTER);
    }

    public static RedisSentinelProcesses sentinel() {
        return await(Started.SENTINEL);
    }

    private static final class Started {
        static final CompletableFuture<RedisClusterProcesses> CLUSTER = inBackground(RedisClusterProcesses::start);
        static final CompletableFuture<RedisSentinelProcesses> SENTINEL = inBackground(RedisSentinelProcesses::start);

        private static <T extends AutoCloseable> CompletableFuture<T> inBackground(Supplier<T> start) {
            return CompletableFuture.supplyAsync(() -> stopOnExit(start.get()), task -> Thread.ofPlatform()
                    .daemon()
                    .name("redis-topology-start")
                    .start(task));
        }
    }

    private static <T> T await(CompletableFuture<T> started) {
        try {
            return started.join();
        } catch (CompletionException failed) {
            throw failed.getCause() instanceof RuntimeException cause ? cause : failed;
        }
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
