package dev.wxgate.adapters.persistence.callback;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wxgate.domain.app.AppId;
import dev.wxgate.domain.callback.CallbackLog;
import dev.wxgate.domain.callback.CallbackLog.Entry;
import dev.wxgate.domain.callback.CallbackLog.Outcome;
import dev.wxgate.domain.callback.CallbackRejectedException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The contract of {@link CallbackLog}, run against every adapter. */
abstract class AbstractCallbackLogTest {
    static final int CAPACITY = 5;

    final AppId app = AppId.of("wx0123456789abcdef");
    final Instant start = Instant.parse("2026-05-01T10:00:00Z");

    /** A new, empty log keeping {@code capacity} entries. */
    abstract CallbackLog log(int capacity);

    Entry handled(int n) {
        return new Entry(
                app,
                start.plusSeconds(n),
                Optional.of("event"),
                Optional.of("subscribe"),
                Optional.of("oUser" + n),
                Outcome.HANDLED,
                Optional.empty());
    }

    @Test
    void anEmptyLogHasNothingRecent() {
        assertThat(log(CAPACITY).recent(10)).isEmpty();
    }

    @Test
    void entriesComeBackNewestFirstAsRecorded() {
        CallbackLog log = log(CAPACITY);
        Entry rejected = Entry.rejected(
                AppId.of("wxfedcba9876543210"),
                start.plusMillis(2_500),
                CallbackRejectedException.Reason.STALE_TIMESTAMP);
        Entry duplicate = new Entry(
                app,
                start.plusSeconds(3),
                Optional.of("text"),
                Optional.empty(),
                Optional.of("oUser3"),
                Outcome.DUPLICATE,
                Optional.empty());

        log.record(handled(1));
        log.record(rejected);
        log.record(duplicate);

        assertThat(log.recent(10)).containsExactly(duplicate, rejected, handled(1));
    }

    @Test
    void recentReturnsAtMostTheLimit() {
        CallbackLog log = log(CAPACITY);
        for (int i = 1; i <= 4; i++) {
            log.record(handled(i));
        }

        assertThat(log.recent(2)).containsExactly(handled(4), handled(3));
        assertThat(log.recent(0)).isEmpty();
    }

    @Test
    void onlyTheNewestCapacityEntriesAreKept() {
        CallbackLog log = log(CAPACITY);
        for (int i = 1; i <= 3 * CAPACITY; i++) {
            log.record(handled(i));
        }

        List<Entry> recent = log.recent(100);
        assertThat(recent).hasSize(CAPACITY);
        assertThat(recent.getFirst()).isEqualTo(handled(3 * CAPACITY));
        assertThat(recent.getLast()).isEqualTo(handled(2 * CAPACITY + 1));
    }
}
