package dev.wxgate.domain.activity;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Secondary port: the last day of activity (logins, sessions, token refreshes, pushes) in buckets of
 * {@link #BUCKET}, kept at least {@link #KEPT}; shared by the cluster in redis mode, where every node adds its own
 * counts to the same buckets.
 */
public interface ActivityHistory {
    /** The width of a bucket: 144 of them make a day. */
    Duration BUCKET = Duration.ofMinutes(10);

    /** How long a bucket is kept at least: a day, and an hour more so that the oldest bar of a day's chart is whole. */
    Duration KEPT = Duration.ofHours(25);

    /** Adds {@code count} to a counter's bucket (a counter series only). */
    void add(Series series, Instant bucketStart, long count);

    /** Raises a gauge's bucket to {@code value} unless it holds a higher one already (a gauge series only). */
    void raise(Series series, Instant bucketStart, long value);

    /**
     * The buckets of {@code series} that start at or after {@code from} and before {@code to}, oldest first; a bucket
     * in which nothing was recorded is absent.
     */
    List<ActivityBucket> read(Series series, Instant from, Instant to);

    /** The start of the bucket {@code at} falls in. */
    static Instant bucketOf(Instant at) {
        long width = BUCKET.toMillis();
        return Instant.ofEpochMilli(Math.floorDiv(at.toEpochMilli(), width) * width);
    }

    /** {@code start}, once checked to be the start of a bucket. */
    static Instant requireBucketStart(Instant start) {
        Objects.requireNonNull(start, "bucketStart");
        if (!bucketOf(start).equals(start)) {
            throw new IllegalArgumentException("bucketStart must be the start of a " + BUCKET + " bucket");
        }
        return start;
    }

    /** Checks what {@link #add} and {@link #raise} take: a series of the right kind, a bucket start, no negative. */
    static void requireRecordable(Series series, boolean gauge, Instant bucketStart, long value) {
        Objects.requireNonNull(series, "series");
        if (series.isGauge() != gauge) {
            throw new IllegalArgumentException(series + (gauge ? " is a counter: add to it" : " is a gauge: raise it"));
        }
        requireBucketStart(bucketStart);
        if (value < 0) {
            throw new IllegalArgumentException("value must not be negative");
        }
    }
}
