package dev.wxgate.bootstrap;

import dev.wxgate.adapters.persistence.RedisStore;
import dev.wxgate.adapters.persistence.activity.InMemoryActivityHistory;
import dev.wxgate.adapters.persistence.activity.RedissonActivityHistory;
import dev.wxgate.application.activity.ViewActivity;
import dev.wxgate.domain.activity.ActivityHistory;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The console's activity charts: the history (in this JVM, or in Redis for the cluster), the sampler that feeds it from
 * this node's meters every minute, and the use case the Activity page reads.
 */
@Configuration(proxyBeanMethods = false)
class ActivityConfiguration {
    static final Duration SAMPLE_INTERVAL = Duration.ofMinutes(1);

    @Bean
    @ConditionalOnProperty(name = "wxgate.store", havingValue = "memory", matchIfMissing = true)
    ActivityHistory memoryActivityHistory(Clock clock) {
        return new InMemoryActivityHistory(clock);
    }

    @Bean
    @ConditionalOnProperty(name = "wxgate.store", havingValue = "redis")
    ActivityHistory redisActivityHistory(RedisStore redis, WxgateProperties properties) {
        return new RedissonActivityHistory(redis, properties.redis().keyPrefix());
    }

    @Bean
    ActivitySampler activitySampler(MeterRegistry registry, ActivityHistory history, Clock clock) {
        return new ActivitySampler(registry, history, clock);
    }

    @Bean
    ActivitySampling activitySampling(ActivitySampler sampler) {
        return new ActivitySampling(sampler, SAMPLE_INTERVAL);
    }

    @Bean
    ViewActivity viewActivity(ActivityHistory history, Clock clock) {
        return new ViewActivity(history, clock);
    }
}
