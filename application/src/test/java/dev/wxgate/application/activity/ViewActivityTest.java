package dev.wxgate.application.activity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wxgate.domain.activity.ActivityBucket;
import dev.wxgate.domain.activity.ActivityHistory;
import dev.wxgate.domain.activity.Series;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ViewActivityTest {
    private static final Instant NOW = Instant.parse("2026-05-01T12:34:56Z");
    private static final Instant CURRENT = Instant.parse("2026-05-01T12:30:00Z");

    /** Hands back what it holds for the range asked for, and remembers the ranges. */
    private final List<Instant[]> asked = new ArrayList<>();

    private final ActivityHistory history = new ActivityHistory() {
        @Override
        public void add(Series series, Instant bucketStart, long count) {}

        @Override
        public void raise(Series series, Instant bucketStart, long value) {}

        @Override
        public List<ActivityBucket> read(Series series, Instant from, Instant to) {
            asked.add(new Instant[] {from, to});
            return switch (series) {
                case LOGINS -> List.of(new ActivityBucket(from, 2), new ActivityBucket(CURRENT, 5));
                case ACTIVE_SESSIONS -> List.of(new ActivityBucket(CURRENT.minus(Duration.ofHours(1)), 9));
                default -> List.of();
            };
        }
    };

    private final ViewActivity view = new ViewActivity(history, Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void everySeriesSpansTheDayEndingWithTheBucketUnderWay() {
        List<SeriesDay> days = view.lastDay();

        assertThat(days).extracting(SeriesDay::series).containsExactly(Series.values());
        assertThat(asked).allSatisfy(range -> {
            assertThat(range[0]).isEqualTo(Instant.parse("2026-04-30T12:40:00Z"));
            assertThat(range[1]).isEqualTo(Instant.parse("2026-05-01T12:40:00Z"));
        });
        for (SeriesDay day : days) {
            assertThat(day.values()).hasSize(144);
            assertThat(day.to()).isEqualTo(Instant.parse("2026-05-01T12:40:00Z"));
        }
    }

    @Test
    void bucketsLandInTheirPlaceAndTheRestIsZero() {
        SeriesDay logins = view.lastDay().get(Series.LOGINS.ordinal());

        assertThat(logins.values().getFirst()).isEqualTo(2);
        assertThat(logins.values().getLast()).isEqualTo(5);
        assertThat(logins.total()).isEqualTo(7);
        assertThat(logins.peak()).isEqualTo(5);

        SeriesDay sessions = view.lastDay().get(Series.ACTIVE_SESSIONS.ordinal());
        assertThat(sessions.values().get(143 - 6)).isEqualTo(9);
        assertThat(sessions.peak()).isEqualTo(9);

        SeriesDay quiet = view.lastDay().get(Series.PUSHES_DELIVERED.ordinal());
        assertThat(quiet.total()).isZero();
        assertThat(quiet.peak()).isZero();
    }
}
