package dev.wxgate.domain.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RefreshScheduleTest {
    private static final Instant FETCHED = Instant.parse("2026-03-02T04:00:00Z");
    private static final AccessToken TWO_HOURS = AccessToken.issued("TOKEN_A", FETCHED, Duration.ofHours(2));
    private final RefreshSchedule schedule = new RefreshSchedule(Duration.ofMinutes(5));

    @Test
    void aTwoHourTokenIsDueFiveMinutesBeforeItsExpiry() {
        assertThat(schedule.refreshAt(TWO_HOURS)).isEqualTo(FETCHED.plus(Duration.ofMinutes(115)));
        assertThat(schedule.due(TWO_HOURS, FETCHED.plus(Duration.ofMinutes(114))))
                .isFalse();
        assertThat(schedule.due(TWO_HOURS, FETCHED.plus(Duration.ofMinutes(115))))
                .isTrue();
    }

    @Test
    void aShortLivedTokenIsNotDueBeforeHalfItsLife() {
        AccessToken oneMinute = AccessToken.issued("TOKEN_B", FETCHED, Duration.ofMinutes(1));

        assertThat(schedule.refreshAt(oneMinute)).isEqualTo(FETCHED.plusSeconds(30));
    }

    @Test
    void aTokenIsNoLongerHandedOutInItsLastTenthOfLifeAtMostTenSeconds() {
        assertThat(schedule.usable(TWO_HOURS, FETCHED.plus(Duration.ofHours(2)).minusSeconds(11)))
                .isTrue();
        assertThat(schedule.usable(TWO_HOURS, FETCHED.plus(Duration.ofHours(2)).minusSeconds(10)))
                .isFalse();
        AccessToken fiftySeconds = AccessToken.issued("TOKEN_C", FETCHED, Duration.ofSeconds(50));
        assertThat(schedule.usable(fiftySeconds, FETCHED.plusSeconds(44))).isTrue();
        assertThat(schedule.usable(fiftySeconds, FETCHED.plusSeconds(45))).isFalse();
    }

    @Test
    void aNegativeMarginIsRefused() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new RefreshSchedule(Duration.ofSeconds(-1)))
                .withMessageContaining("refreshMargin");
    }
}
