package dev.wxgate.adapters.persistence.activity;

import dev.wxgate.domain.activity.ActivityBucket;
import dev.wxgate.domain.activity.ActivityHistory;
import dev.wxgate.domain.activity.Series;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.BinaryOperator;

/**
 * Adapter: the activity history in this JVM (the embedded default, one node). Buckets older than
 * {@link ActivityHistory#KEPT} are dropped as new ones come, so a series never holds more than a day and an hour.
 */
public final class InMemoryActivityHistory implements ActivityHistory {
    private final Clock clock;
    private final Map<Series, ConcurrentSkipListMap<Instant, Long>> series = new EnumMap<>(Series.class);

    public InMemoryActivityHistory(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        for (Series each : Series.values()) {
            series.put(each, new ConcurrentSkipListMap<>());
        }
    }

    @Override
    public void add(Series series, Instant bucketStart, long count) {
        ActivityHistory.requireRecordable(series, false, bucketStart, count);
        record(series, bucketStart, count, Long::sum);
    }

    @Override
    public void raise(Series series, Instant bucketStart, long value) {
        ActivityHistory.requireRecordable(series, true, bucketStart, value);
        record(series, bucketStart, value, Math::max);
    }

    private void record(Series which, Instant bucketStart, long value, BinaryOperator<Long> merge) {
        ConcurrentSkipListMap<Instant, Long> buckets = series.get(which);
        buckets.merge(bucketStart, value, merge);
        buckets.headMap(clock.instant().minus(KEPT)).clear();
    }

    @Override
    public List<ActivityBucket> read(Series which, Instant from, Instant to) {
        Objects.requireNonNull(which, "series");
        if (!from.isBefore(to)) {
            return List.of();
        }
        Instant oldest = clock.instant().minus(KEPT);
        NavigableMap<Instant, Long> range = series.get(which).subMap(from, true, to, false);
        return range.entrySet().stream()
                .filter(bucket -> !bucket.getKey().isBefore(oldest))
                .map(bucket -> new ActivityBucket(bucket.getKey(), bucket.getValue()))
                .toList();
    }
}
