package dev.wxgate.adapters.persistence.callback;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wxgate.domain.callback.CallbackDeduplication;
import dev.wxgate.domain.callback.CallbackDeduplication.Kind;
import dev.wxgate.testfixtures.MutableClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class InMemoryCallbackDeduplicationTest extends AbstractCallbackDeduplicationTest {
    private final MutableClock clock = new MutableClock();
    private final InMemoryCallbackDeduplication deduplication = new InMemoryCallbackDeduplication(clock, 100);

    @Override
    CallbackDeduplication deduplication() {
        return deduplication;
    }

    @Override
    void letExpire(Duration keep) {
        clock.now = clock.now.plus(keep).plusMillis(1);
    }

    @Override
    Duration shortKeep() {
        return Duration.ofMinutes(5);
    }

    @Test
    void holdsAtMostItsCapacityDroppingTheOldest() {
        for (int i = 0; i < 250; i++) {
            assertThat(deduplication.firstSeen(app, Kind.DELIVERY, "msg:" + i, HOUR))
                    .isTrue();
        }
        assertThat(deduplication.size()).isEqualTo(100);
        assertThat(deduplication.seen(app, Kind.DELIVERY, "msg:249")).isTrue();
        assertThat(deduplication.seen(app, Kind.DELIVERY, "msg:0")).isFalse();
    }

    @Test
    void expiredEntriesAreDropped() {
        for (int i = 0; i < 50; i++) {
            deduplication.firstSeen(app, Kind.NONCE, "n" + i, Duration.ofMinutes(1));
        }
        clock.now = clock.now.plus(Duration.ofMinutes(2));
        deduplication.firstSeen(app, Kind.NONCE, "fresh", Duration.ofMinutes(1));

        assertThat(deduplication.size()).isEqualTo(1);
    }

    static final class MutableClock extends Clock {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
