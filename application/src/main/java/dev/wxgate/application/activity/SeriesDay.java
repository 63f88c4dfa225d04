package dev.wxgate.application.activity;

import dev.wxgate.domain.activity.ActivityHistory;
import dev.wxgate.domain.activity.Series;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A series over a day: one value per {@link ActivityHistory#BUCKET} from {@code from}, oldest first, zero where
 * nothing was recorded.
 */
public record SeriesDay(Series series, Instant from, List<Long> values) {
    public SeriesDay {
        Objects.requireNonNull(series, "series");
        ActivityHistory.requireBucketStart(from);
        values = List.copyOf(values);
        if (values.stream().anyMatch(value -> value < 0)) {
            throw new IllegalArgumentException("values must not be negative");
        }
    }

    /** Where the day ends: the end of its last bucket. */
    public Instant to() {
        return from.plus(ActivityHistory.BUCKET.multipliedBy(values.size()));
    }

    /** The start of the {@code index}th bucket. */
    public Instant startOf(int index) {
        return from.plus(ActivityHistory.BUCKET.multipliedBy(index));
    }

    /** What was counted over the day (for a gauge a sum means nothing: see {@link #peak()}). */
    public long total() {
        return values.stream().mapToLong(Long::longValue).sum();
    }

    /** The highest bucket, 0 for a day without activity. */
    public long peak() {
        return values.stream().mapToLong(Long::longValue).max().orElse(0);
    }
}
