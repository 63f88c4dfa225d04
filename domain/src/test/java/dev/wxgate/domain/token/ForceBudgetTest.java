package dev.wxgate.domain.token;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ForceBudgetTest {
    // 23:59:50 in China: the next WeChat day starts ten seconds later.
    private static final Instant NOW = Instant.parse("2026-03-02T15:59:50Z");
    private final ForceBudget stable = ForceBudget.STABLE_ACCESS_TOKEN;

    @Test
    void theStableBudgetShowsWhatIsLeftAndWhenTheSpacingAllowsTheNext() {
        QuotaUsage usage = new QuotaUsage(3, 0, 2, Optional.of(NOW.minusSeconds(10)));

        assertThat(stable.left(usage)).hasValue(18);
        assertThat(stable.nextAllowedAfter(usage, NOW)).contains(NOW.plusSeconds(20));
        assertThat(stable.nextAllowedAfter(usage, NOW.plusSeconds(20))).isEmpty();
    }

    @Test
    void aRefusalSaysWhyAndWhenTheNextIsAllowed() {
        ForceBudget.Refusal tooSoon = stable.refusal(new QuotaUsage(1, 0, 1, Optional.of(NOW.minusSeconds(5))), NOW);
        assertThat(tooSoon.why()).contains("one forced refresh every 30 s");
        assertThat(tooSoon.nextAllowedAt()).contains(NOW.plusSeconds(25));

        ForceBudget.Refusal usedUp = stable.refusal(new QuotaUsage(20, 0, 20, Optional.of(NOW.minusSeconds(60))), NOW);
        assertThat(usedUp.why()).contains("20 forced refreshes a day and all are used");
        assertThat(usedUp.nextAllowedAt()).contains(Instant.parse("2026-03-02T16:00:00Z"));
    }

    @Test
    void anUnlimitedBudgetShowsNothingLeftToCount() {
        QuotaUsage usage = new QuotaUsage(9, 0, 9, Optional.of(NOW));

        assertThat(ForceBudget.UNLIMITED.left(usage)).isEmpty();
        assertThat(ForceBudget.UNLIMITED.nextAllowedAfter(usage, NOW)).isEmpty();
    }
}
