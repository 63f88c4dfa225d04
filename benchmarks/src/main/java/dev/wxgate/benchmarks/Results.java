package dev.wxgate.benchmarks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The measured runs of one benchmark invocation: each printed as it ends, then the table (each run's ratio to its
 * mode's better floor at the same concurrency) and the CPU each process spent per request.
 */
final class Results {
    private final List<LoadRun.Result> runs = new ArrayList<>();
    private final Map<String, String> cpuPerRequest = new LinkedHashMap<>();

    /** Keeps a measured run with the CPU it cost, and prints it. */
    void add(LoadRun.Result result, CpuMeter.Usage usage) {
        String cpu = usage.perRequest(result.count());
        runs.add(result);
        cpuPerRequest.put(result.scenario() + " " + result.mode() + " c=" + result.concurrency(), cpu);
        System.out.printf(
                Locale.ROOT,
                "  %-8s %-6s c=%-3d %9.0f req/s  p50 %6.2f  p99 %6.2f  p99.9 %6.2f ms  errors %d%s%n    CPU ms/request: %s%n",
                result.scenario(),
                result.mode(),
                result.concurrency(),
                result.throughput(),
                result.millis(50),
                result.millis(99),
                result.millis(99.9),
                result.errors(),
                result.firstError() == null ? "" : "  (first: " + result.firstError() + ")",
                cpu);
    }

    /** The throughput of a run, NaN when it was not measured. */
    double throughput(String scenario, String mode, int concurrency) {
        return runs.stream()
                .filter(r -> r.scenario().equals(scenario) && r.mode().equals(mode) && r.concurrency() == concurrency)
                .mapToDouble(LoadRun.Result::throughput)
                .findFirst()
                .orElse(Double.NaN);
    }

    String table() {
        StringBuilder out = new StringBuilder(
                "| scenario | mode | concurrency | throughput (req/s) | p50 (ms) | p99 (ms) | p99.9 (ms) | errors | ratio to floor |\n"
                        + "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        for (LoadRun.Result r : runs) {
            double floor = runs.stream()
                    .filter(f -> f.scenario().startsWith("floor")
                            && f.mode().equals(r.mode())
                            && f.concurrency() == r.concurrency())
                    .mapToDouble(LoadRun.Result::throughput)
                    .max()
                    .orElse(Double.NaN);
            out.append(String.format(
                    Locale.ROOT,
                    "| %s | %s | %d | %.0f | %.2f | %.2f | %.2f | %d | %.0f %% |%n",
                    r.scenario(),
                    r.mode(),
                    r.concurrency(),
                    r.throughput(),
                    r.millis(50),
                    r.millis(99),
                    r.millis(99.9),
                    r.errors(),
                    100 * r.throughput() / floor));
        }
        return out.toString();
    }

    /** A line per measured run: the CPU milliseconds each process spent per request in its window. */
    List<String> cpuLines() {
        List<String> lines = new ArrayList<>();
        cpuPerRequest.forEach((run, usage) -> lines.add(run + ": " + usage));
        return lines;
    }
}
