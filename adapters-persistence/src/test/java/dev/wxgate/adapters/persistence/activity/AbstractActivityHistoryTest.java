package dev.wxgate.adapters.persistence.activity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.wxgate.domain.activity.ActivityBucket;
import dev.wxgate.domain.activity.ActivityHistory;
import dev.wxgate.domain.activity.Series;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The contract of {@link ActivityHistory}, run against every adapter. */
abstract class AbstractActivityHistoryTest {
    static final Duration BUCKET = ActivityHistory.BUCKET;

    abstract ActivityHistory history();

    /** The adapter's present; buckets are recorded relative to it, so that none is past what the adapter keeps. */
    abstract Instant now();

    Instant current() {
        return ActivityHistory.bucketOf(now());
    }

    @Test
    void countsAddUpInTheirBucket() {
        Instant bucket = current();
        history().add(Series.LOGINS, bucket, 3);
        history().add(Series.LOGINS, bucket, 4);

        assertThat(history().read(Series.LOGINS, bucket.minus(BUCKET), bucket.plus(BUCKET)))
                .containsExactly(new ActivityBucket(bucket, 7));
    }

    @Test
    void aGaugeKeepsTheHighestValueOfItsBucket() {
        Instant bucket = current();
        history().raise(Series.ACTIVE_SESSIONS, bucket, 5);
        history().raise(Series.ACTIVE_SESSIONS, bucket, 9);
        history().raise(Series.ACTIVE_SESSIONS, bucket, 2);

        assertThat(history().read(Series.ACTIVE_SESSIONS, bucket, bucket.plus(BUCKET)))
                .containsExactly(new ActivityBucket(bucket, 9));
    }

    @Test
    void aGaugeOfZeroIsRecorded() {
        Instant bucket = current();
        history().raise(Series.ACTIVE_SESSIONS, bucket, 0);

        assertThat(history().read(Series.ACTIVE_SESSIONS, bucket, bucket.plus(BUCKET)))
                .containsExactly(new ActivityBucket(bucket, 0));
    }

    @Test
    void seriesAreIndependent() {
        Instant bucket = current();
        history().add(Series.PUSHES_RECEIVED, bucket, 2);
        history().add(Series.PUSHES_DELIVERED, bucket, 5);

        assertThat(history().read(Series.PUSHES_RECEIVED, bucket, bucket.plus(BUCKET)))
                .containsExactly(new ActivityBucket(bucket, 2));
        assertThat(history().read(Series.PUSHES_DELIVERED, bucket, bucket.plus(BUCKET)))
                .containsExactly(new ActivityBucket(bucket, 5));
        assertThat(history().read(Series.TOKEN_REFRESHES, bucket, bucket.plus(BUCKET)))
                .isEmpty();
    }

    @Test
    void aDayIsReadOldestFirstWithinItsBoundsAcrossMidnight() {
        Instant to = current().plus(BUCKET);
        Instant from = to.minus(Duration.ofHours(24));
        List<Instant> starts = List.of(from.minus(BUCKET), from, from.plus(BUCKET.multipliedBy(71)), to.minus(BUCKET));
        for (int i = starts.size() - 1; i >= 0; i--) {
            history().add(Series.TOKEN_REFRESHES, starts.get(i), i + 1);
        }
        history().add(Series.TOKEN_REFRESHES, current(), 0);

        // A day always spans a UTC midnight, so two of the Redis adapter's daily hashes are read.
        assertThat(history().read(Series.TOKEN_REFRESHES, from, to))
                .containsExactly(
                        new ActivityBucket(starts.get(1), 2),
                        new ActivityBucket(starts.get(2), 3),
                        new ActivityBucket(starts.get(3), 4));
    }

    @Test
    void anEmptyOrBackwardRangeReadsNothing() {
        Instant bucket = current();
        history().add(Series.LOGINS, bucket, 1);

        assertThat(history().read(Series.LOGINS, bucket, bucket)).isEmpty();
        assertThat(history().read(Series.LOGINS, bucket.plus(BUCKET), bucket)).isEmpty();
    }

    @Test
    void misuseIsRefused() {
        Instant bucket = current();
        assertThatIllegalArgumentException()
                .isThrownBy(() -> history().add(Series.LOGINS, bucket.plusSeconds(1), 1))
                .withMessageContaining("bucketStart");
        assertThatIllegalArgumentException().isThrownBy(() -> history().add(Series.LOGINS, bucket, -1));
        assertThatIllegalArgumentException().isThrownBy(() -> history().add(Series.ACTIVE_SESSIONS, bucket, 1));
        assertThatIllegalArgumentException().isThrownBy(() -> history().raise(Series.LOGINS, bucket, 1));
        assertThat(history().read(Series.LOGINS, bucket, bucket.plus(BUCKET))).isEmpty();
    }
}
