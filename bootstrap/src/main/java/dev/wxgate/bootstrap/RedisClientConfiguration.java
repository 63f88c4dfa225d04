package dev.wxgate.bootstrap;

import java.time.Duration;
import org.redisson.config.BaseConfig;
import org.redisson.config.Config;
import org.redisson.config.ConstantDelay;
import org.redisson.config.ReadMode;
import org.redisson.spring.starter.RedissonAutoConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The Redis client's threads and retries (redis mode only; in memory mode no Redisson client exists).
 *
 * <p>Threads: Redisson's defaults, 32 I/O event loops and 16 callback threads, are sized for large servers: on a small
 * one each event loop wakes up for a reply or two at a time, and in the benchmark's profiles the client cost about 0.1
 * ms of CPU per round trip. Two threads of each kind per core still keep the I/O off the request threads, which are
 * virtual.
 *
 * <p>Retries: Redisson retries a failed command 4 times, 1 to 2 s apart, so every call waited about 5 s before failing
 * when Redis was down (a login, two calls, 10 s). wxgate retries once, 200 ms later: enough for a dropped connection
 * to be replaced, and the first failure then opens {@code RedisStore}'s breaker, after which calls fail at once. The
 * command and connect timeouts are {@code spring.data.redis.timeout} and {@code spring.data.redis.connect-timeout}
 * (1 s each in application.yml). A Redisson YAML ({@code spring.redis.redisson.config} or {@code .file}) is left as
 * written: whoever writes one chooses every setting.
 *
 * <p>Cluster and Sentinel: every command goes to a master. Redisson reads from replicas by default, and a replica
 * lags its master: a node could read the access_token another node just replaced (and fetch one more from WeChat) or
 * a session just revoked. The Cluster's slot map is read every second (Redisson's default: 5 s), so after a failover
 * the promoted replica takes its slots' traffic within a second (docs/benchmarks.md, "Redis failover (issue 17)").
 */
@Configuration(proxyBeanMethods = false)
class RedisClientConfiguration {

    /** At least this many of each kind, however small the machine. */
    static final int MIN_THREADS = 4;

    static final int RETRY_ATTEMPTS = 1;

    static final Duration RETRY_DELAY = Duration.ofMillis(200);

    static final int CLUSTER_SCAN_MILLIS = 1000;

    static int threadsFor(int cores) {
        return Math.max(MIN_THREADS, 2 * cores);
    }

    @Bean
    RedissonAutoConfigurationCustomizer redisClientThreads() {
        int threads = threadsFor(Runtime.getRuntime().availableProcessors());
        return config -> config.setNettyThreads(threads).setThreads(threads);
    }

    @Bean
    RedissonAutoConfigurationCustomizer redisClientRetries(Environment environment) {
        boolean ownYaml = environment.containsProperty("spring.redis.redisson.config")
                || environment.containsProperty("spring.redis.redisson.file");
        return config -> {
            if (!ownYaml) {
                retryBriefly(config);
                readFromMasters(config);
                // A Redis that does not answer at start is an outage like any other, not a failed start-up.
                config.setLazyInitialization(true);
            }
        };
    }

    /** On the topology the starter built from {@code spring.data.redis.*}; returning it does not change it. */
    static void retryBriefly(Config config) {
        BaseConfig<?> servers;
        if (config.isClusterConfig()) {
            servers = config.useClusterServers();
        } else if (config.isSentinelConfig()) {
            servers = config.useSentinelServers();
        } else if (config.isSingleConfig()) {
            servers = config.useSingleServer();
        } else {
            return;
        }
        servers.setRetryAttempts(RETRY_ATTEMPTS);
        servers.setRetryDelay(new ConstantDelay(RETRY_DELAY));
    }

    /** Cluster and Sentinel: reads from masters only, and the Cluster's slot map watched every second. */
    static void readFromMasters(Config config) {
        if (config.isClusterConfig()) {
            config.useClusterServers().setReadMode(ReadMode.MASTER).setScanInterval(CLUSTER_SCAN_MILLIS);
        } else if (config.isSentinelConfig()) {
            config.useSentinelServers().setReadMode(ReadMode.MASTER);
        }
    }
}
