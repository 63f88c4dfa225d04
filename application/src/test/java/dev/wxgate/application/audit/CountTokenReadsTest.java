package dev.wxgate.application.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import dev.wxgate.domain.StoreUnavailableException;
import dev.wxgate.domain.app.AppId;
import dev.wxgate.domain.audit.TokenReadCount;
import dev.wxgate.domain.audit.TokenReadCounts;
import dev.wxgate.domain.token.CredentialKind;
import dev.wxgate.testfixtures.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class CountTokenReadsTest {
    private static final AppId SHOP = AppId.of("wx1111111111111111");
    private static final AppId NEWS = AppId.of("wx2222222222222222");
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-03T10:15:00Z"));
    private final FakeCounts store = new FakeCounts();
    private final CountTokenReads count = new CountTokenReads(store, clock);

    @Test
    void readsAreCountedPerClientAppCredentialAndHour() {
        count.read("billing", SHOP, CredentialKind.ACCESS_TOKEN);
        count.read("billing", SHOP, CredentialKind.ACCESS_TOKEN);
        count.read("billing", NEWS, CredentialKind.ACCESS_TOKEN);
        count.read("crm", SHOP, CredentialKind.JSAPI_TICKET);
        clock.advance(Duration.ofHours(1));
        count.read("billing", SHOP, CredentialKind.ACCESS_TOKEN);

        assertThat(count.flush()).isEqualTo(4);

        Instant ten = Instant.parse("2026-12-03T10:00:00Z");
        Instant eleven = Instant.parse("2026-12-03T11:00:00Z");
        assertThat(store.added)
                .containsExactlyInAnyOrder(
                        new TokenReadCount(ten, "billing", SHOP, CredentialKind.ACCESS_TOKEN, 2),
                        new TokenReadCount(ten, "billing", NEWS, CredentialKind.ACCESS_TOKEN, 1),
                        new TokenReadCount(ten, "crm", SHOP, CredentialKind.JSAPI_TICKET, 1),
                        new TokenReadCount(eleven, "billing", SHOP, CredentialKind.ACCESS_TOKEN, 1));
        assertThat(count.unflushed()).isZero();
    }

    @Test
    void aFlushWithNothingCountedWritesNothing() {
        assertThat(count.flush()).isZero();
        assertThat(store.calls).isZero();
    }

    @Test
    void countsTheDatabaseRefusedAreKeptForTheNextFlush() {
        count.read("billing", SHOP, CredentialKind.ACCESS_TOKEN);
        store.down = true;

        assertThatExceptionOfType(StoreUnavailableException.class).isThrownBy(count::flush);
        count.read("billing", SHOP, CredentialKind.ACCESS_TOKEN);
        assertThat(count.unflushed()).isEqualTo(2);

        store.down = false;
        count.flush();

        assertThat(store.added).extracting(TokenReadCount::reads).containsExactly(2L);
    }

    @Test
    void noReadIsLostToAFlushRunningAtTheSameTime() throws Exception {
        int threads = 4;
        int readsEach = 20_000;
        ExecutorService readers = Executors.newFixedThreadPool(threads);
        for (int t = 0; t < threads; t++) {
            readers.submit(() -> {
                for (int i = 0; i < readsEach; i++) {
                    count.read("billing", SHOP, CredentialKind.ACCESS_TOKEN);
                }
            });
        }
        readers.shutdown();
        while (!readers.awaitTermination(1, TimeUnit.MILLISECONDS)) {
            count.flush();
        }
        count.flush();

        assertThat(store.added.stream().mapToLong(TokenReadCount::reads).sum()).isEqualTo((long) threads * readsEach);
    }

    @Test
    void countsOlderThanTheRetentionAreForgottenOnceAnHour() {
        count.flush();
        count.flush();
        clock.advance(Duration.ofHours(1));
        count.flush();

        assertThat(store.forgotten)
                .containsExactly(
                        Instant.parse("2026-12-03T10:00:00Z").minus(CountTokenReads.KEPT),
                        Instant.parse("2026-12-03T11:00:00Z").minus(CountTokenReads.KEPT));
    }

    private static final class FakeCounts implements TokenReadCounts {
        final List<TokenReadCount> added = new ArrayList<>();
        final List<Instant> forgotten = new ArrayList<>();
        volatile boolean down;
        int calls;

        @Override
        public synchronized void add(Collection<TokenReadCount> counts) {
            calls++;
            if (down) {
                throw new StoreUnavailableException("down", null);
            }
            added.addAll(counts);
        }

        @Override
        public List<TokenReadCount> since(Instant from, Optional<AppId> appId) {
            return List.of();
        }

        @Override
        public int forgetBefore(Instant hour) {
            forgotten.add(hour);
            return 0;
        }
    }
}
