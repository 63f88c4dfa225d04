package dev.wxgate.domain.activity;

import java.time.Instant;

/**
 * One bucket of a series: what was counted (or, for a gauge, the highest value seen) from {@code start} for
 * {@link ActivityHistory#BUCKET}.
 */
public record ActivityBucket(Instant start, long value) {
    public ActivityBucket {
        ActivityHistory.requireBucketStart(start);
        if (value < 0) {
            throw new IllegalArgumentException("value must not be negative");
        }
    }
}
