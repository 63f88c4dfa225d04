package dev.wxgate.application.activity;

import dev.wxgate.domain.activity.ActivityBucket;
import dev.wxgate.domain.activity.ActivityHistory;
import dev.wxgate.domain.activity.Series;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/** Use case: an operator looks at the last 24 hours of activity, every series in buckets, the current one included. */
public final class ViewActivity {
    /** How far back the console looks. */
    public static final Duration DAY = Duration.ofHours(24);

    /** Buckets in a day: 144 of 10 minutes. */
    public static final int BUCKETS = (int) DAY.dividedBy(ActivityHistory.BUCKET);

    private final ActivityHistory history;
    private final Clock clock;

    public ViewActivity(ActivityHistory history, Clock clock) {
        this.history = Objects.requireNonNull(history, "history");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Every series over the day that ends with the bucket under way, in {@link Series} order. */
    public List<SeriesDay> lastDay() {
        Instant to = ActivityHistory.bucketOf(clock.instant()).plus(ActivityHistory.BUCKET);
        Instant from = to.minus(DAY);
        List<SeriesDay> days = new ArrayList<>();
        for (Series series : Series.values()) {
            Long[] values = new Long[BUCKETS];
            Arrays.fill(values, 0L);
            for (ActivityBucket bucket : history.read(series, from, to)) {
                int index = (int) Duration.between(from, bucket.start()).dividedBy(ActivityHistory.BUCKET);
                if (index >= 0 && index < BUCKETS) {
                    values[index] = bucket.value();
                }
            }
            days.add(new SeriesDay(series, from, Arrays.asList(values)));
        }
        return days;
    }
}
