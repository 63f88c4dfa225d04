package dev.wxgate.adapters.web.console;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/** How the console writes times and durations: in one zone, to the second, the same on every page. */
public final class ConsoleFormat {
    private final Clock clock;
    private final ZoneId zone;
    private final DateTimeFormatter time;

    ConsoleFormat(Clock clock, ZoneId zone) {
        this.clock = clock;
        this.zone = zone;
        this.time = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(zone);
    }

    public String time(Instant at) {
        return at == null ? "—" : time.format(at);
    }

    public String time(Optional<Instant> at) {
        return at.map(this::time).orElse("—");
    }

    public Instant now() {
        return clock.instant();
    }

    /** ISO-8601, for the scripts that count down. */
    public String iso(Instant at) {
        return at.toString();
    }

    public String zone() {
        return zone.getId();
    }

    /** Time until {@code at} from now, e.g. "1h 52m 03s"; "0s" once past. */
    public String until(Instant at) {
        return duration(Duration.between(clock.instant(), at));
    }

    public String duration(Duration duration) {
        long seconds = Math.max(0, duration.toSeconds());
        long hours = seconds / 3600;
        long minutes = seconds % 3600 / 60;
        long rest = seconds % 60;
        if (hours > 0) {
            return String.format("%dh %02dm %02ds", hours, minutes, rest);
        }
        return minutes > 0 ? String.format("%dm %02ds", minutes, rest) : rest + "s";
    }
}
