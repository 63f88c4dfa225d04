package dev.wxgate.bootstrap;

import org.redisson.spring.starter.RedissonAutoConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The Redis client's threads, sized to the machine (redis mode only; in memory mode no Redisson client exists).
 * Redisson's defaults, 32 I/O event loops and 16 callback threads, are sized for large servers: on a small one each
 * event loop wakes up for a reply or two at a time, and in the benchmark's profiles the client cost about 0.1 ms of
 * CPU per round trip. Two threads of each kind per core still keep the I/O off the request threads, which are virtual.
 */
@Configuration(proxyBeanMethods = false)
class RedisClientConfiguration {

    /** At least this many of each kind, however small the machine. */
    static final int MIN_THREADS = 4;

    static int threadsFor(int cores) {
        return Math.max(MIN_THREADS, 2 * cores);
    }

    @Bean
    RedissonAutoConfigurationCustomizer redisClientThreads() {
        int threads = threadsFor(Runtime.getRuntime().availableProcessors());
        return config -> config.setNettyThreads(threads).setThreads(threads);
    }
}
