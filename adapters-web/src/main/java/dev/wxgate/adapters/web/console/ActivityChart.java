package dev.wxgate.adapters.web.console;

import dev.wxgate.application.activity.SeriesDay;
import dev.wxgate.domain.activity.ActivityHistory;
import dev.wxgate.domain.activity.Series;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Adapter: one series' day drawn as a bar chart, server-side, in SVG user units: the template only writes out these
 * numbers, so the page needs no script and no chart library. One bar per bucket, scaled so the highest reaches the top;
 * a bucket with any activity shows at least a sliver; hour marks every {@value #TICK_HOURS} hours of the console's zone.
 */
public record ActivityChart(Series series, int buckets, long total, long peak, List<Bar> bars, List<Tick> ticks) {
    /** The drawing's size: a bar slot of {@value #SLOT} units per bucket. */
    public static final double SLOT = 2;

    public static final double PLOT_TOP = 12;
    public static final double PLOT_HEIGHT = 60;
    public static final double HEIGHT = PLOT_TOP + PLOT_HEIGHT + 14;
    static final int TICK_HOURS = 6;

    /** Half an hour label's width at the axis' font size: a label is centred no closer to an edge. */
    static final double LABEL_HALF_WIDTH = 12;

    /** The lowest a bar of a non-empty bucket is drawn, so that one huge bucket does not hide every other. */
    static final double MIN_BAR = 1;

    /** A bar: where it is and what it says on hover ({@code 12:30–12:40 · 5}). */
    public record Bar(double x, double y, double width, double height, long value, String label) {}

    /**
     * An hour mark on the axis: where, where its label goes (kept off the drawing's edges), and the local time it shows
     * ({@code 18:00}).
     */
    public record Tick(double x, double labelX, String label) {}

    public ActivityChart {
        bars = List.copyOf(bars);
        ticks = List.copyOf(ticks);
    }

    /** The drawing's width: one slot per bucket. */
    public double width() {
        return SLOT * buckets;
    }

    /** The drawing's height (the template cannot reach the constants). */
    public double height() {
        return HEIGHT;
    }

    /** Where the plot's top is: the line the highest bar reaches. */
    public double top() {
        return PLOT_TOP;
    }

    /** Where the plot's baseline is. */
    public double baseline() {
        return PLOT_TOP + PLOT_HEIGHT;
    }

    public static ActivityChart of(SeriesDay day, ZoneId zone) {
        List<Long> values = day.values();
        long peak = day.peak();
        DateTimeFormatter hour = DateTimeFormatter.ofPattern("HH:mm").withZone(zone);
        List<Bar> bars = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            long value = values.get(i);
            if (value == 0) {
                continue;
            }
            double height = Math.max(MIN_BAR, round(PLOT_HEIGHT * value / peak));
            Instant start = day.startOf(i);
            bars.add(new Bar(
                    round(i * SLOT + SLOT * 0.1),
                    round(PLOT_TOP + PLOT_HEIGHT - height),
                    round(SLOT * 0.8),
                    height,
                    value,
                    hour.format(start) + "–" + hour.format(start.plus(ActivityHistory.BUCKET)) + " · " + value));
        }
        return new ActivityChart(day.series(), values.size(), day.total(), peak, bars, ticks(day, zone));
    }

    /** The local hours divisible by {@value #TICK_HOURS} within the day, at their place on the axis. */
    private static List<Tick> ticks(SeriesDay day, ZoneId zone) {
        List<Tick> ticks = new ArrayList<>();
        double millisPerUnit = ActivityHistory.BUCKET.toMillis() / SLOT;
        ZonedDateTime mark = day.from().atZone(zone).truncatedTo(ChronoUnit.HOURS);
        for (; !mark.toInstant().isAfter(day.to()); mark = mark.plusHours(1)) {
            if (mark.toInstant().isBefore(day.from()) || mark.getHour() % TICK_HOURS != 0) {
                continue;
            }
            double x = (mark.toInstant().toEpochMilli() - day.from().toEpochMilli()) / millisPerUnit;
            double width = SLOT * day.values().size();
            double labelX = Math.clamp(x, LABEL_HALF_WIDTH, width - LABEL_HALF_WIDTH);
            ticks.add(new Tick(round(x), round(labelX), String.format("%02d:00", mark.getHour())));
        }
        return ticks;
    }

    /** One decimal: enough for a drawing a few hundred pixels wide, and short in the page. */
    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }
}
