package dev.wxgate.bootstrap;

import dev.wxgate.adapters.persistence.RedisStore;
import dev.wxgate.domain.StoreUnavailableException;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;
import org.redisson.api.RedissonClient;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.AvailabilityState;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.health.application.ReadinessStateHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The Redis store's breaker (redis mode only): the {@link RedisStore} every Redisson adapter calls through, what health
 * says about it, and its metrics. While the breaker is open the node is not ready ({@code /actuator/health/readiness}
 * answers 503) but alive: it recovers by itself once a probe gets an answer, no restart needed.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "wxgate.store", havingValue = "redis")
class RedisStoreConfiguration {

    @Bean(destroyMethod = "close")
    RedisStore redisStore(RedissonClient redisson, WxgateProperties properties, Clock clock) {
        WxgateProperties.Redis redis = properties.redis();
        return new RedisStore(redisson, redis.keyPrefix(), redis.probeInterval(), clock);
    }

    /**
     * Replaces Spring Data Redis's indicator of the same name, which would wait out Redisson's timeouts on every health
     * call while Redis is down: this one answers at once while the breaker is open, and otherwise asks Redis through
     * the breaker (so a health check may be what finds Redis gone).
     */
    @Bean
    HealthIndicator redisHealthContributor(RedisStore redis) {
        return () -> {
            if (redis.isDown()) {
                return down(redis).build();
            }
            try {
                redis.check();
                return Health.up().build();
            } catch (StoreUnavailableException unreachable) {
                return down(redis).withDetail("error", unreachable.getMessage()).build();
            }
        };
    }

    private static Health.Builder down(RedisStore redis) {
        Health.Builder health = Health.down().withDetail("rejectedCalls", redis.rejectedCalls());
        redis.downSince().ifPresent(since -> health.withDetail("unreachableSince", since.toString()));
        return health;
    }

    /** Readiness is the application's own state, and refusing traffic while the breaker is open. */
    @Bean
    ReadinessStateHealthIndicator readinessStateHealthIndicator(
            ApplicationAvailability availability, RedisStore redis) {
        return new ReadinessStateHealthIndicator(availability) {
            @Override
            protected AvailabilityState getState(ApplicationAvailability applicationAvailability) {
                return redis.isDown() ? ReadinessState.REFUSING_TRAFFIC : super.getState(applicationAvailability);
            }
        };
    }

    /**
     * {@code wxgate.redis.down} (1 while the breaker is open), {@code wxgate.redis.breaker.trips} (times it opened)
     * and {@code wxgate.redis.breaker.rejected} (calls refused without trying Redis).
     */
    @Bean
    MeterBinder redisBreakerMetrics(RedisStore redis) {
        return registry -> {
            Gauge.builder("wxgate.redis.down", redis, store -> store.isDown() ? 1 : 0)
                    .description("1 while Redis is unreachable and calls that need it fail at once")
                    .register(registry);
            FunctionCounter.builder("wxgate.redis.breaker.trips", redis, RedisStore::trips)
                    .description("times Redis was found unreachable")
                    .register(registry);
            FunctionCounter.builder("wxgate.redis.breaker.rejected", redis, RedisStore::rejectedCalls)
                    .description("calls refused at once because Redis was unreachable")
                    .register(registry);
        };
    }
}
