package dev.wxgate.adapters.persistence.token;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wxgate.domain.app.AppId;
import dev.wxgate.domain.token.CredentialKey;
import dev.wxgate.domain.token.CredentialQuota;
import dev.wxgate.domain.token.QuotaClears;
import dev.wxgate.domain.token.QuotaUsage;
import dev.wxgate.domain.token.TicketType;
import dev.wxgate.domain.token.TokenQuota;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The contract of {@link TokenQuota} and {@link QuotaClears}, run against every adapter. */
abstract class AbstractTokenQuotaTest {
    private static final LocalDate DAY = LocalDate.of(2026, 5, 1);
    private static final Instant NOW = Instant.parse("2026-05-01T02:00:00Z");
    private static final Duration SPACING = Duration.ofSeconds(30);

    abstract TokenQuota quota();

    /** The same adapter as {@link #quota()}: it counts the month's quota clears and resets the day's calls. */
    abstract QuotaClears clears();

    final AppId app = AbstractTokenStoreTest.randomAppId();

    @Test
    void aDayWithoutCallsIsEmpty() {
        assertThat(quota().usage(app, DAY)).isEqualTo(QuotaUsage.NONE);
    }

    @Test
    void callsAndErrorsAreCountedPerDay() {
        quota().recordCall(app, DAY, false);
        quota().recordCall(app, DAY, true);
        QuotaUsage third = quota().recordCall(app, DAY, false);

        assertThat(third.calls()).isEqualTo(3);
        assertThat(third.errors()).isEqualTo(1);
        assertThat(quota().usage(app, DAY)).isEqualTo(third);
        assertThat(quota().usage(app, DAY.plusDays(1)).calls()).isZero();
        assertThat(quota().usage(AbstractTokenStoreTest.randomAppId(), DAY).calls())
                .isZero();
    }

    @Test
    void concurrentCallsAreAllCounted() throws Exception {
        List<Future<QuotaUsage>> counted = new ArrayList<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 50; i++) {
                counted.add(threads.submit(() -> quota().recordCall(app, DAY, false)));
            }
            List<Long> seen = new ArrayList<>();
            for (Future<QuotaUsage> usage : counted) {
                seen.add(usage.get().calls());
            }
            // Each caller saw its own count: exactly one of them sees the threshold a warning fires at.
            assertThat(seen).doesNotHaveDuplicates().hasSize(50);
        }
        assertThat(quota().usage(app, DAY).calls()).isEqualTo(50);
    }

    @Test
    void forcedRefreshesRespectTheDailyLimitAndTheSpacing() {
        TokenQuota.ForceRefreshGrant first = quota().tryForceRefresh(app, DAY, NOW, 2, SPACING);
        assertThat(first.granted()).isTrue();
        assertThat(first.usage().forcedRefreshes()).isEqualTo(1);
        assertThat(first.usage().lastForcedAt()).contains(NOW);

        TokenQuota.ForceRefreshGrant tooSoon = quota().tryForceRefresh(app, DAY, NOW.plusSeconds(29), 2, SPACING);
        assertThat(tooSoon.granted()).isFalse();
        assertThat(tooSoon.usage().forcedRefreshes()).isEqualTo(1);

        assertThat(quota().tryForceRefresh(app, DAY, NOW.plusSeconds(30), 2, SPACING)
                        .granted())
                .isTrue();
        TokenQuota.ForceRefreshGrant overLimit = quota().tryForceRefresh(app, DAY, NOW.plusSeconds(90), 2, SPACING);
        assertThat(overLimit.granted()).isFalse();
        assertThat(overLimit.usage().forcedRefreshes()).isEqualTo(2);
        assertThat(overLimit.usage().lastForcedAt()).contains(NOW.plusSeconds(30));

        // A new day has a new budget, but the spacing reaches across midnight.
        assertThat(quota().tryForceRefresh(app, DAY.plusDays(1), NOW.plusSeconds(40), 2, SPACING)
                        .granted())
                .isFalse();
        assertThat(quota().tryForceRefresh(app, DAY.plusDays(1), NOW.plusSeconds(60), 2, SPACING)
                        .granted())
                .isTrue();
    }

    @Test
    void ofConcurrentForcedRefreshesOnlyTheBudgetIsGranted() throws Exception {
        List<Future<TokenQuota.ForceRefreshGrant>> grants = new ArrayList<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 20; i++) {
                grants.add(threads.submit(() -> quota().tryForceRefresh(app, DAY, NOW, 20, SPACING)));
            }
            long granted = 0;
            for (Future<TokenQuota.ForceRefreshGrant> grant : grants) {
                granted += grant.get().granted() ? 1 : 0;
            }
            assertThat(granted).as("30 s spacing: one at the same instant").isEqualTo(1);
        }
        assertThat(quota().usage(app, DAY).forcedRefreshes()).isEqualTo(1);
    }

    @Test
    void ticketCallsAreCountedApartFromTheAccessTokensAndFromEachOther() {
        CredentialQuota credentials = (CredentialQuota) quota();
        CredentialKey jsapi = CredentialKey.ticket(TicketType.JSAPI, app);
        quota().recordCall(app, DAY, false);
        credentials.recordCall(jsapi, DAY, false);
        credentials.recordCall(jsapi, DAY, true);

        assertThat(quota().usage(app, DAY).calls()).isEqualTo(1);
        assertThat(credentials.usage(CredentialKey.accessToken(app), DAY).calls())
                .isEqualTo(1);
        assertThat(credentials.usage(jsapi, DAY)).satisfies(usage -> {
            assertThat(usage.calls()).isEqualTo(2);
            assertThat(usage.errors()).isEqualTo(1);
        });
        assertThat(credentials
                        .usage(CredentialKey.ticket(TicketType.WX_CARD, app), DAY)
                        .calls())
                .isZero();
    }

    @Test
    void quotaClearsAreCountedPerMonth() {
        YearMonth may = YearMonth.of(2026, 5);
        assertThat(clears().clears(app, may)).isZero();

        assertThat(clears().recordClear(app, may, DAY)).isEqualTo(1);
        assertThat(clears().recordClear(app, may, DAY.plusDays(3))).isEqualTo(2);

        assertThat(clears().clears(app, may)).isEqualTo(2);
        assertThat(clears().clears(app, may.plusMonths(1))).isZero();
        assertThat(clears().clears(AbstractTokenStoreTest.randomAppId(), may)).isZero();
        assertThat(clears().recordClear(app, may.plusMonths(1), DAY.plusMonths(1)))
                .isEqualTo(1);
    }

    @Test
    void aClearZeroesTheDaysCallsAndErrorsButKeepsForcedRefreshes() {
        quota().recordCall(app, DAY, false);
        quota().recordCall(app, DAY, true);
        quota().tryForceRefresh(app, DAY, NOW, 20, SPACING);
        quota().recordCall(app, DAY.minusDays(1), false);

        clears().recordClear(app, YearMonth.from(DAY), DAY);

        QuotaUsage today = quota().usage(app, DAY);
        assertThat(today.calls()).isZero();
        assertThat(today.errors()).isZero();
        assertThat(today.forcedRefreshes()).isEqualTo(1);
        assertThat(quota().usage(app, DAY.minusDays(1)).calls()).isEqualTo(1);
        assertThat(quota().recordCall(app, DAY, false).calls()).isEqualTo(1);
    }

    @Test
    void concurrentClearsAreEachCountedOnce() throws Exception {
        YearMonth may = YearMonth.of(2026, 5);
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            List<Future<Integer>> counts = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                counts.add(pool.submit(() -> clears().recordClear(app, may, DAY)));
            }
            List<Integer> seen = new ArrayList<>();
            for (Future<Integer> count : counts) {
                seen.add(count.get());
            }
            assertThat(seen)
                    .containsExactlyInAnyOrderElementsOf(java.util.stream.IntStream.rangeClosed(1, 20)
                            .boxed()
                            .toList());
        }
        assertThat(clears().clears(app, may)).isEqualTo(20);
    }
}
