package dev.wxgate.application.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import dev.wxgate.application.RateLimitedException;
import dev.wxgate.domain.ratelimit.RateLimiter;
import dev.wxgate.domain.ratelimit.RateLimiter.RateLimit;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AdmitClientCallTest {
    private final CountingLimiter limiter = new CountingLimiter();
    private final AdmitClientCall admit = new AdmitClientCall(
            limiter,
            new RateLimit(2, Duration.ofMinutes(1)),
            Map.of("billing", new RateLimit(3, Duration.ofMinutes(1))));

    @Test
    void aClientWithoutALimitOfItsOwnHasTheDefault() {
        admit.admit("crm");
        admit.admit("crm");

        assertThatExceptionOfType(RateLimitedException.class)
                .isThrownBy(() -> admit.admit("crm"))
                .withMessageContaining("crm")
                .satisfies(limited -> assertThat(limited.retryAfter()).isEqualTo(Duration.ofSeconds(7)));
    }

    @Test
    void aClientsOwnLimitReplacesTheDefault() {
        admit.admit("billing");
        admit.admit("billing");
        admit.admit("billing");

        assertThatExceptionOfType(RateLimitedException.class).isThrownBy(() -> admit.admit("billing"));
    }

    @Test
    void clientsAreCountedApart() {
        admit.admit("crm");
        admit.admit("crm");

        admit.admit("billing");
        assertThat(limiter.taken).containsEntry("internal:client:crm", 2).containsEntry("internal:client:billing", 1);
    }

    private static final class CountingLimiter implements RateLimiter {
        final Map<String, Integer> taken = new HashMap<>();

        @Override
        public Optional<Duration> tryAcquire(String key, RateLimit limit) {
            int now = taken.merge(key, 1, Integer::sum);
            return now > limit.permits() ? Optional.of(Duration.ofSeconds(7)) : Optional.empty();
        }
    }
}
