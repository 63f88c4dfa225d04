package dev.wxgate.bootstrap;

import dev.wxgate.adapters.persistence.RedisStore;
import dev.wxgate.adapters.persistence.callback.RedissonCallbackDeduplication;
import dev.wxgate.adapters.persistence.callback.RedissonCallbackLog;
import dev.wxgate.adapters.persistence.ratelimit.RedissonRateLimiter;
import dev.wxgate.adapters.persistence.session.RedissonSessionRepository;
import dev.wxgate.adapters.persistence.session.SessionKeyCipher;
import dev.wxgate.adapters.persistence.token.RedissonCredentialStore;
import dev.wxgate.adapters.persistence.token.RedissonTokenQuota;
import dev.wxgate.adapters.persistence.token.RedissonTokenStore;
import dev.wxgate.application.token.TicketStores;
import dev.wxgate.domain.StoreUnavailableException;
import dev.wxgate.domain.callback.CallbackDeduplication;
import dev.wxgate.domain.callback.CallbackLog;
import dev.wxgate.domain.ratelimit.RateLimiter;
import dev.wxgate.domain.session.SessionPolicy;
import dev.wxgate.domain.session.SessionRepository;
import dev.wxgate.domain.token.Ticket;
import dev.wxgate.domain.token.TicketType;
import dev.wxgate.domain.token.TokenStore;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;
import java.util.Optional;
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
 * The Redis store ({@code wxgate.store=redis}), shared by every node: the Redisson adapters of sessions, the
 * access_token and ticket caches and their locks, their quotas, rate limits, callback duplicates and the callbacks log ({@link MemoryStoreConfiguration}
 * provides the same beans in memory), and the breaker they all call through, the {@link RedisStore}, with what health
 * says about it and its metrics. While the breaker is open the node is not ready ({@code /actuator/health/readiness}
 * answers 503) but alive: it recovers by itself once a probe gets an answer, no restart needed.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "wxgate.store", havingValue = "redis")
class RedisStoreConfiguration {

    @Bean(destroyMethod = "close")
    RedisStore redisStore(RedissonClient redisson, WxgateProperties properties, Clock clock) {
        WxgateProperties.Redis redis = properties.redis();
        RedisStore store = new RedisStore(redisson, redis.keyPrefix(), redis.probeInterval(), clock);
        RedisStartupCheck.ask(store);
        return store;
    }

    /** The server keys that seal session_keys at rest: configured, the same on every node. */
    @Bean
    SessionKeyCipher sessionKeyCipher(WxgateProperties properties) {
        return SessionServerKeys.cipher(properties.sessions(), Optional.empty());
    }

    /** Not named {@code sessionRepository}: that is Spring Session's, the console's sessions in redis mode. */
    @Bean
    SessionRepository loginSessionRepository(
            RedisStore redis, WxgateProperties properties, SessionPolicy policy, SessionKeyCipher cipher, Clock clock) {
        return new RedissonSessionRepository(redis, properties.redis().keyPrefix(), policy, cipher, clock);
    }

    @Bean
    RateLimiter rateLimiter(RedisStore redis, WxgateProperties properties) {
        return new RedissonRateLimiter(redis, properties.redis().keyPrefix());
    }

    @Bean
    TokenStore tokenStore(RedisStore redis, WxgateProperties properties, Clock clock) {
        return new RedissonTokenStore(
                redis, properties.redis().keyPrefix(), properties.token().nearCacheTtl(), clock);
    }

    /** Counts the access_token's calls ({@code TokenQuota}) and the tickets' ({@code CredentialQuota}). */
    @Bean
    RedissonTokenQuota tokenQuota(RedisStore redis, WxgateProperties properties) {
        return new RedissonTokenQuota(redis, properties.redis().keyPrefix());
    }

    @Bean(destroyMethod = "close")
    RedissonCredentialStore<Ticket> jsapiTicketStore(RedisStore redis, WxgateProperties properties, Clock clock) {
        return ticketStore(redis, properties, clock, TicketType.JSAPI);
    }

    @Bean(destroyMethod = "close")
    RedissonCredentialStore<Ticket> wxCardTicketStore(RedisStore redis, WxgateProperties properties, Clock clock) {
        return ticketStore(redis, properties, clock, TicketType.WX_CARD);
    }

    @Bean
    TicketStores ticketStores(
            RedissonCredentialStore<Ticket> jsapiTicketStore, RedissonCredentialStore<Ticket> wxCardTicketStore) {
        return new TicketStores(jsapiTicketStore, wxCardTicketStore);
    }

    private static RedissonCredentialStore<Ticket> ticketStore(
            RedisStore redis, WxgateProperties properties, Clock clock, TicketType type) {
        return new RedissonCredentialStore<>(
                redis,
                type.kind(),
                Ticket::new,
                properties.redis().keyPrefix(),
                properties.token().nearCacheTtl(),
                clock);
    }

    @Bean
    CallbackDeduplication callbackDeduplication(RedisStore redis, WxgateProperties properties) {
        return new RedissonCallbackDeduplication(redis, properties.redis().keyPrefix());
    }

    /** The console's Callbacks page: the whole cluster's callbacks, the newest {@code wxgate.callbacks.log-size}. */
    @Bean
    CallbackLog callbackLog(RedisStore redis, WxgateProperties properties) {
        return new RedissonCallbackLog(
                redis, properties.redis().keyPrefix(), properties.callbacks().logSize());
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
