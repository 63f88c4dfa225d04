package dev.wxgate.application.token;

import static dev.wxgate.application.token.Harness.CLASSIC;
import static dev.wxgate.application.token.Harness.OTHER;
import static dev.wxgate.application.token.Harness.STABLE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wxgate.domain.token.DailyQuotas;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DailyQuotasPerAppTest {
    private final Harness wxgate = new Harness();

    @AfterEach
    void close() {
        wxgate.close();
    }

    @Test
    void eachAppShowsWechatsLimitForItsModeUnlessItHasItsOwn() {
        wxgate.with(new DailyQuotas(DailyQuotas.WECHAT_CLASSIC, DailyQuotas.WECHAT_STABLE, Map.of(OTHER, 200L)));

        assertThat(wxgate.useCases().viewTokenStatus().of(CLASSIC).dailyQuota()).isEqualTo(2000);
        assertThat(wxgate.useCases().viewTokenStatus().of(STABLE).dailyQuota()).isEqualTo(500_000);
        assertThat(wxgate.useCases().viewTokenStatus().of(OTHER).dailyQuota()).isEqualTo(200);
    }

    @Test
    void theEightyPercentWarningComesAtTheAppsOwnLimit() {
        wxgate.with(wxgate.settings().withRefreshMargin(Duration.ZERO));
        wxgate.with(new DailyQuotas(2000, 500_000, Map.of(OTHER, 5L)));

        for (int i = 0; i < 5; i++) {
            wxgate.get().current(OTHER);
            wxgate.get().current(CLASSIC);
            wxgate.clock.advance(Duration.ofHours(2));
        }

        assertThat(wxgate.events.warnings).hasSize(1);
        assertThat(wxgate.events.warnings.getFirst().calls()).isEqualTo(4);
    }
}
