package dev.wxgate.adapters.persistence.weblogin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wxgate.domain.oauth.WebLoginStore;
import dev.wxgate.testfixtures.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class InMemoryWebLoginStoreTest extends AbstractWebLoginStoreTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-03T10:00:00Z"));
    private final InMemoryWebLoginStore store = new InMemoryWebLoginStore(clock, 100);

    @Override
    WebLoginStore store() {
        return store;
    }

    @Override
    void letExpire(Duration keep) {
        clock.advance(keep.plusMillis(1));
    }

    @Override
    Duration shortKeep() {
        return Duration.ofMinutes(5);
    }

    @Test
    void holdsAtMostItsCapacityDroppingTheOldest() {
        for (int i = 0; i < 250; i++) {
            store.putPending("state" + i, PENDING, HOUR);
        }

        assertThat(store.size()).isEqualTo(100);
        assertThat(store.claimPending("state249")).isPresent();
        assertThat(store.claimPending("state0")).isEmpty();
    }

    @Test
    void expiredEntriesAreDroppedWhenOthersArrive() {
        store.putPending("old", PENDING, Duration.ofMinutes(1));
        clock.advance(Duration.ofMinutes(2));

        store.putPending("new", PENDING, HOUR);

        assertThat(store.size()).isEqualTo(1);
    }
}
