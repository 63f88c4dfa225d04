package dev.wxgate.adapters.persistence.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wxgate.domain.ratelimit.RateLimiter.RateLimit;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class PermitBatchesTest {
    private final AtomicLong nanos = new AtomicLong(1_000);
    private final PermitBatches batches = new PermitBatches(nanos::get);
    private final RateLimit limit = new RateLimit(100_000, Duration.ofMinutes(1));

    @Test
    void batchSizesGrowWithTheLimitAndStopAtTheMaximum() {
        assertThat(PermitBatches.size(new RateLimit(10, Duration.ofMinutes(1)))).isOne();
        assertThat(PermitBatches.size(new RateLimit(2_000, Duration.ofMinutes(1))))
                .isEqualTo(2);
        assertThat(PermitBatches.size(new RateLimit(50_000, Duration.ofMinutes(1))))
                .isEqualTo(50);
        assertThat(PermitBatches.size(new RateLimit(1_000_000_000, Duration.ofMinutes(1))))
                .isEqualTo(PermitBatches.MAX_BATCH);
    }

    @Test
    void heldPermitsAreSpentOnceEach() {
        batches.hold("k", 3, limit);

        assertThat(batches.spend("k")).isTrue();
        assertThat(batches.spend("k")).isTrue();
        assertThat(batches.spend("k")).isTrue();
        assertThat(batches.spend("k")).isFalse();
        assertThat(batches.spend("other")).isFalse();
    }

    @Test
    void permitsAreNotSpentPastTheWindowTheyWereTakenIn() {
        batches.hold("k", 5, limit);
        nanos.addAndGet(limit.period().toNanos());

        // Redis no longer counts them: spending them now would let the cluster exceed its limit.
        assertThat(batches.spend("k")).isFalse();
    }
}
