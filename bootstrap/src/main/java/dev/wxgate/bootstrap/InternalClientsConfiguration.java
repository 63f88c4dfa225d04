package dev.wxgate.bootstrap;

import dev.wxgate.adapters.persistence.audit.MyBatisTokenReadCounts;
import dev.wxgate.application.audit.CountTokenReads;
import dev.wxgate.application.audit.ReadTokenReads;
import dev.wxgate.application.client.AdmitClientCall;
import dev.wxgate.domain.StoreUnavailableException;
import dev.wxgate.domain.audit.TokenReadCounts;
import dev.wxgate.domain.ratelimit.RateLimiter;
import dev.wxgate.domain.ratelimit.RateLimiter.RateLimit;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.ibatis.session.SqlSessionFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What the internal API keeps of its clients' calls: each client's rate limit ({@code wxgate.internal-api},
 * {@code wxgate.clients[N].rate-limit}) and the hourly counts of the tokens and tickets they read, written to the
 * database every {@link #FLUSH_INTERVAL} and once more at stop.
 */
@Configuration(proxyBeanMethods = false)
class InternalClientsConfiguration {
    private static final Logger log = LoggerFactory.getLogger(InternalClientsConfiguration.class);

    static final Duration FLUSH_INTERVAL = Duration.ofMinutes(1);

    @Bean
    AdmitClientCall admitClientCall(RateLimiter rateLimiter, WxgateProperties properties) {
        WxgateProperties.InternalApi internal = properties.internalApi();
        RateLimit defaultLimit = limit("wxgate.internal-api.per-client", internal.perClient(), internal.period());
        Map<String, RateLimit> own = new HashMap<>();
        for (int i = 0; i < properties.clients().size(); i++) {
            WxgateProperties.Client client = properties.clients().get(i);
            if (client.rateLimit() != 0) {
                own.put(
                        client.id(),
                        limit("wxgate.clients[" + i + "].rate-limit", client.rateLimit(), internal.period()));
            }
        }
        return new AdmitClientCall(rateLimiter, defaultLimit, own);
    }

    private static RateLimit limit(String setting, int permits, Duration period) {
        try {
            return new RateLimit(permits, period);
        } catch (IllegalArgumentException invalid) {
            throw new InvalidSettingException(setting, invalid.getMessage(), invalid);
        }
    }

    @Bean
    TokenReadCounts tokenReadCounts(SqlSessionFactory sqlSessionFactory) {
        return new MyBatisTokenReadCounts(sqlSessionFactory);
    }

    @Bean
    CountTokenReads countTokenReads(TokenReadCounts counts, Clock clock) {
        return new CountTokenReads(counts, clock);
    }

    @Bean
    ReadTokenReads readTokenReads(TokenReadCounts counts, Clock clock) {
        return new ReadTokenReads(counts, clock);
    }

    @Bean
    PeriodicTask tokenReadsFlush(CountTokenReads count) {
        return new PeriodicTask(
                "wxgate-token-reads", "token reads flush", FLUSH_INTERVAL, FLUSH_INTERVAL, () -> flush(count, "now"));
    }

    /** The counts of the last minute, written when the node stops (before the database connections close). */
    @Bean
    DisposableBean lastTokenReadsFlush(CountTokenReads count) {
        return () -> flush(count, "at stop");
    }

    private static void flush(CountTokenReads count, String when) {
        try {
            count.flush();
        } catch (StoreUnavailableException unavailable) {
            log.warn(
                    "token read counts ({} reads) could not be written {}, kept for the next try: {}",
                    count.unflushed(),
                    when,
                    unavailable.getMessage());
        }
    }
}
