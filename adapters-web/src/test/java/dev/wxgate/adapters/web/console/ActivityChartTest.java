package dev.wxgate.adapters.web.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wxgate.adapters.web.console.ActivityChart.Bar;
import dev.wxgate.adapters.web.console.ActivityChart.Tick;
import dev.wxgate.application.activity.SeriesDay;
import dev.wxgate.application.activity.ViewActivity;
import dev.wxgate.domain.activity.Series;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class ActivityChartTest {
    /** A day that starts at 12:40 UTC, as the console's day does when it is 12:3x. */
    private static final Instant FROM = Instant.parse("2026-04-30T12:40:00Z");

    private static final double BASELINE = ActivityChart.PLOT_TOP + ActivityChart.PLOT_HEIGHT;

    @Test
    void barsAreScaledSoTheHighestReachesTheTop() {
        List<Long> values = zeros();
        values.set(0, 10L);
        values.set(1, 5L);
        values.set(143, 1L);

        ActivityChart chart = ActivityChart.of(new SeriesDay(Series.LOGINS, FROM, values), ZoneOffset.UTC);

        assertThat(chart.total()).isEqualTo(16);
        assertThat(chart.peak()).isEqualTo(10);
        assertThat(chart.bars()).extracting(Bar::value).containsExactly(10L, 5L, 1L);
        Bar highest = chart.bars().get(0);
        assertThat(highest.y()).isEqualTo(ActivityChart.PLOT_TOP);
        assertThat(highest.height()).isEqualTo(ActivityChart.PLOT_HEIGHT);
        assertThat(chart.bars().get(1).height()).isEqualTo(ActivityChart.PLOT_HEIGHT / 2);
        assertThat(chart.bars().get(2).height()).isEqualTo(6);
        for (Bar bar : chart.bars()) {
            assertThat(bar.y() + bar.height())
                    .as("every bar stands on the baseline")
                    .isEqualTo(BASELINE);
            assertThat(bar.x()).isBetween(0.0, chart.width() - bar.width());
        }
        assertThat(chart.bars().get(2).x())
                .as("the last bucket is the rightmost slot")
                .isEqualTo(286.2);
        assertThat(chart.width()).isEqualTo(288);
    }

    @Test
    void aDayWithoutActivityHasNoBarsAndAZeroPeak() {
        ActivityChart chart = ActivityChart.of(new SeriesDay(Series.PUSHES_RECEIVED, FROM, zeros()), ZoneOffset.UTC);

        assertThat(chart.bars()).isEmpty();
        assertThat(chart.total()).isZero();
        assertThat(chart.peak()).isZero();
        assertThat(chart.ticks()).isNotEmpty();
    }

    @Test
    void oneHugeBucketLeavesTheOthersVisible() {
        List<Long> values = zeros();
        values.set(10, 1_000_000_000L);
        values.set(20, 1L);

        ActivityChart chart = ActivityChart.of(new SeriesDay(Series.PUSHES_DELIVERED, FROM, values), ZoneOffset.UTC);

        assertThat(chart.bars()).hasSize(2);
        assertThat(chart.bars().get(0).height()).isEqualTo(ActivityChart.PLOT_HEIGHT);
        assertThat(chart.bars().get(1).height()).isEqualTo(ActivityChart.MIN_BAR);
        assertThat(chart.bars().get(1).y()).isEqualTo(BASELINE - ActivityChart.MIN_BAR);
    }

    @Test
    void barsSayTheirBucketInTheConsolesZone() {
        List<Long> values = zeros();
        values.set(0, 3L);

        ActivityChart chart = ActivityChart.of(new SeriesDay(Series.LOGINS, FROM, values), ZoneId.of("Asia/Shanghai"));

        assertThat(chart.bars().getFirst().label()).isEqualTo("20:40–20:50 · 3");
    }

    @Test
    void hourMarksEverySixHoursOfTheConsolesZone() {
        ActivityChart utc = ActivityChart.of(new SeriesDay(Series.LOGINS, FROM, zeros()), ZoneOffset.UTC);
        // From 12:40: 18:00 is 5h20m in, 32 slots of 2 units.
        assertThat(utc.ticks()).extracting(Tick::label).containsExactly("18:00", "00:00", "06:00", "12:00");
        assertThat(utc.ticks().getFirst().x()).isEqualTo(64);

        ActivityChart shanghai =
                ActivityChart.of(new SeriesDay(Series.LOGINS, FROM, zeros()), ZoneId.of("Asia/Shanghai"));
        // 12:40 UTC is 20:40 in Shanghai: the first mark is midnight there, 3h20m in.
        assertThat(shanghai.ticks()).extracting(Tick::label).containsExactly("00:00", "06:00", "12:00", "18:00");
        assertThat(shanghai.ticks().getFirst().x()).isEqualTo(40);
    }

    @Test
    void aLabelAtTheEdgeIsKeptInsideTheDrawing() {
        Instant midnight = Instant.parse("2026-05-01T00:00:00Z");

        ActivityChart chart = ActivityChart.of(new SeriesDay(Series.LOGINS, midnight, zeros()), ZoneOffset.UTC);

        assertThat(chart.ticks().getFirst().x()).isZero();
        assertThat(chart.ticks().getFirst().labelX()).isEqualTo(ActivityChart.LABEL_HALF_WIDTH);
        assertThat(chart.ticks().getLast().labelX())
                .isLessThanOrEqualTo(chart.width() - ActivityChart.LABEL_HALF_WIDTH);
    }

    private static List<Long> zeros() {
        return new ArrayList<>(Collections.nCopies(ViewActivity.BUCKETS, 0L));
    }
}
