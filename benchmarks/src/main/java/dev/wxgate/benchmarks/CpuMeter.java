package dev.wxgate.benchmarks;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Where the machine's CPU went during a measured window (Linux {@code /proc}): wxgate's process, the driver's own, the
 * local Redis and PostgreSQL servers (every process of theirs), and everything else on the machine. On a box where all
 * of them share the cores, this says which one a scenario is bound by. Elsewhere every figure is NaN.
 */
final class CpuMeter {
    /** USER_HZ: the unit of /proc's CPU times on every Linux this runs on. */
    private static final double TICKS_PER_SECOND = 100;

    private final long wxgatePid;

    CpuMeter(long wxgatePid) {
        this.wxgatePid = wxgatePid;
    }

    /** CPU ticks per part at one instant. */
    record Snapshot(Map<String, Long> ticks, long machineBusy, long machineTotal) {}

    /** CPU seconds per part between two snapshots, and how busy the machine was. */
    record Usage(Map<String, Double> seconds, double machineBusyShare) {
        /** CPU milliseconds per request of each part, for {@code requests} completed in the window. */
        String perRequest(long requests) {
            if (requests == 0 || seconds.isEmpty()) {
                return "";
            }
            StringBuilder out = new StringBuilder();
            seconds.forEach(
                    (part, s) -> out.append(String.format(Locale.ROOT, "%s %.3f, ", part, s * 1000 / requests)));
            return out.append(String.format(Locale.ROOT, "machine busy %.0f %%", machineBusyShare * 100))
                    .toString();
        }
    }

    Snapshot snapshot() {
        Map<String, Long> ticks = new LinkedHashMap<>();
        ticks.put("wxgate", processTicks(wxgatePid));
        ticks.put("driver", processTicks(ProcessHandle.current().pid()));
        long redis = 0;
        long postgres = 0;
        try (DirectoryStream<Path> processes = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path process : processes) {
                String name = comm(process);
                if (name.startsWith("redis-server")) {
                    redis += processTicks(Long.parseLong(process.getFileName().toString()));
                } else if (name.startsWith("postgres")) {
                    postgres +=
                            processTicks(Long.parseLong(process.getFileName().toString()));
                }
            }
        } catch (IOException | RuntimeException notLinux) {
            return new Snapshot(Map.of(), 0, 0);
        }
        ticks.put("redis", redis);
        ticks.put("postgres", postgres);
        long[] machine = machineTicks();
        return new Snapshot(ticks, machine[0], machine[1]);
    }

    static Usage between(Snapshot before, Snapshot after) {
        if (before.ticks().isEmpty() || after.ticks().isEmpty() || after.machineTotal() <= before.machineTotal()) {
            return new Usage(Map.of(), Double.NaN);
        }
        Map<String, Double> seconds = new LinkedHashMap<>();
        long parts = 0;
        for (String part : after.ticks().keySet()) {
            long used = Math.max(0, after.ticks().get(part) - before.ticks().getOrDefault(part, 0L));
            parts += used;
            seconds.put(part, used / TICKS_PER_SECOND);
        }
        long busy = after.machineBusy() - before.machineBusy();
        // Processes that started or ended in the window make this approximate; never below zero.
        seconds.put("other", Math.max(0, busy - parts) / TICKS_PER_SECOND);
        return new Usage(seconds, (double) busy / (after.machineTotal() - before.machineTotal()));
    }

    private static String comm(Path process) {
        try {
            return Files.readString(process.resolve("comm")).trim();
        } catch (IOException | RuntimeException gone) {
            return "";
        }
    }

    /** utime + stime of a process (fields 14 and 15 of /proc/pid/stat). */
    private static long processTicks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // The command name may hold spaces and parentheses: the fields start after its last ')'.
            List<String> fields =
                    List.of(stat.substring(stat.lastIndexOf(')') + 2).split(" "));
            return Long.parseLong(fields.get(11)) + Long.parseLong(fields.get(12));
        } catch (IOException | RuntimeException gone) {
            return 0;
        }
    }

    /** {busy, total} ticks of all CPUs, from the first line of /proc/stat. */
    private static long[] machineTicks() {
        try {
            String[] cpu =
                    Files.readAllLines(Path.of("/proc/stat")).getFirst().trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < cpu.length; i++) {
                total += Long.parseLong(cpu[i]);
            }
            long idle = Long.parseLong(cpu[4]) + (cpu.length > 5 ? Long.parseLong(cpu[5]) : 0);
            return new long[] {total - idle, total};
        } catch (IOException | RuntimeException notLinux) {
            return new long[] {0, 0};
        }
    }
}
