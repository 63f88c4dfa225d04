package dev.wxgate.adapters.persistence.activity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wxgate.domain.activity.ActivityBucket;
import dev.wxgate.domain.activity.ActivityHistory;
import dev.wxgate.domain.activity.Series;
import dev.wxgate.testfixtures.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class InMemoryActivityHistoryTest extends AbstractActivityHistoryTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-05-01T00:03:00Z"));
    private final InMemoryActivityHistory history = new InMemoryActivityHistory(clock);

    @Override
    ActivityHistory history() {
        return history;
    }

    @Override
    Instant now() {
        return clock.instant();
    }

    @Test
    void bucketsOlderThanWhatIsKeptAreForgotten() {
        Instant old = current();
        history.add(Series.LOGINS, old, 1);
        clock.advance(ActivityHistory.KEPT.minus(BUCKET));
        assertThat(history.read(Series.LOGINS, old, current())).containsExactly(new ActivityBucket(old, 1));

        clock.advance(Duration.ofMinutes(11));
        history.add(Series.LOGINS, current(), 1);

        assertThat(history.read(Series.LOGINS, old, current().plus(BUCKET)))
                .containsExactly(new ActivityBucket(current(), 1));
    }
}
