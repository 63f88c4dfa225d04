package dev.wxgate.benchmarks;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

/**
 * The token stampede: {@code bench.stampede.callers} callers at once on the stampede app's token, over one or more
 * nodes, counting the token calls WeChat (each node's sandbox) received and timing each caller's wait. Settings are
 * {@code bench.stampede.*}.
 */
final class Stampede {
    private final int callerCount = Integer.getInteger("bench.stampede.callers", 64);
    private final int upstreamLatencyMillis = Integer.getInteger("bench.stampede.upstream-latency-ms", 200);
    private final int tokenLife = Integer.getInteger("bench.stampede.token-life", 10);
    private final int warmRounds = Integer.getInteger("bench.stampede.rounds", 3);
    private final BiFunction<Integer, String, HttpRequest> tokenRequest;
    private final long maxRequests;

    /** @param tokenRequest the internal API's token request for a port and an app, with the driver's client key */
    Stampede(BiFunction<Integer, String, HttpRequest> tokenRequest, long maxRequests) {
        this.tokenRequest = tokenRequest;
        this.maxRequests = maxRequests;
    }

    /** Seconds the stampede app's tokens live (the sandbox is configured with it). */
    int tokenLife() {
        return tokenLife;
    }

    int callers() {
        return callerCount;
    }

    /**
     * N callers at once on the stampede app's token, spread over the given nodes, each node's sandbox answering the
     * token call after {@code upstreamLatencyMillis}; counts the token calls every node's sandbox received. Cold: the
     * process's first token fetch of all (no token yet). Warm: after the load runs, each round waiting until the
     * token the previous one fetched has expired (its life is {@code bench.stampede.token-life} seconds), so the
     * callers meet a real expiry in a process whose HTTP, Redis and WeChat paths are warm.
     */
    String run(String mode, List<WxgateProcess> nodes, boolean warm) throws Exception {
        Histogram waits = new Histogram(TimeUnit.MINUTES.toNanos(1), 3);
        Histogram excess = new Histogram(TimeUnit.MINUTES.toNanos(1), 3);
        long upstream = 0;
        int failures = 0;
        List<String> rounds = new ArrayList<>();
        int count = warm ? warmRounds : 1;
        try (HttpClient http = Http.client()) {
            for (int round = 0; round < count; round++) {
                if (warm) {
                    // Past the expiry of the token the last round fetched, at wxgate and at the sandbox.
                    Thread.sleep(Duration.ofMillis(tokenLife * 1000L + 1500));
                }
                Round result = stampedeRound(mode, nodes, http);
                waits.add(result.waits());
                long upstreamNanos = Double.isNaN(result.upstreamMillis()) ? 0 : (long) (result.upstreamMillis() * 1e6);
                for (HistogramIterationValue v : result.waits().recordedValues()) {
                    excess.recordValueWithCount(
                            Math.max(0, v.getValueIteratedTo() - upstreamNanos), v.getCountAtValueIteratedTo());
                }
                upstream += result.upstream();
                failures += result.failures();
                rounds.add(String.format(
                        Locale.ROOT,
                        "%d call(s) of %.1f ms, p99 %.1f ms",
                        result.upstream(),
                        result.upstreamMillis(),
                        result.waits().getValueAtPercentile(99) / 1e6));
            }
        }
        boolean oneEach = upstream == count;
        double p99 = waits.getValueAtPercentile(99) / 1e6;
        String line = String.format(
                Locale.ROOT,
                "%s: %s stampede%s of %d callers on %d node(s), upstream token call delayed %d ms: %d upstream token"
                        + " call(s) for %d stampede(s) (target 1 each) [%s]; callers' wait p50 %.1f, p99 %.1f, max %.1f"
                        + " ms (target p99 <= %d ms) [%s]; wait beyond wxgate's own upstream call p50 %.1f, p99 %.1f"
                        + " ms (target p99 <= 20 ms) [%s]; failures %d%s",
                mode,
                warm ? "warm" : "cold",
                warm ? "s across a real token expiry" : " on the process's first token fetch",
                callerCount,
                nodes.size(),
                upstreamLatencyMillis,
                upstream,
                count,
                oneEach ? "met" : "MISSED",
                waits.getValueAtPercentile(50) / 1e6,
                p99,
                waits.getMaxValue() / 1e6,
                upstreamLatencyMillis + 20,
                warm ? (p99 <= upstreamLatencyMillis + 20 ? "met" : "MISSED") : "not a target: cold process",
                excess.getValueAtPercentile(50) / 1e6,
                excess.getValueAtPercentile(99) / 1e6,
                warm ? (excess.getValueAtPercentile(99) / 1e6 <= 20 ? "met" : "MISSED") : "not a target: cold process",
                failures,
                warm ? "; rounds: " + String.join(", ", rounds) : "");
        System.out.println("  " + line);
        return line;
    }

    /** Callers' waits, the upstream calls counted, and how long wxgate's upstream call took by its own timer. */
    private record Round(Histogram waits, long upstream, int failures, double upstreamMillis) {}

    private Round stampedeRound(String mode, List<WxgateProcess> nodes, HttpClient http) throws Exception {
        // Open the callers' keep-alive connections first, so the wait measured is the token's.
        for (WxgateProcess node : nodes) {
            HttpRequest live = Http.get(node.port, "/actuator/health/liveness").build();
            LoadRun.run(
                    "stampede-warm-up",
                    mode,
                    callerCount,
                    Duration.ZERO,
                    Duration.ofSeconds(2),
                    maxRequests,
                    (h, w, i) -> Bench.timed(h, live),
                    http);
        }
        upstreamLatency(http, nodes, upstreamLatencyMillis);
        try {
            long before = upstreamTokenCalls(http, nodes);
            double[] timerBefore = upstreamTimer(http, nodes);
            CountDownLatch go = new CountDownLatch(1);
            Histogram waits = new Histogram(TimeUnit.MINUTES.toNanos(1), 3);
            List<Thread> callers = new ArrayList<>();
            AtomicInteger failures = new AtomicInteger();
            for (int c = 0; c < callerCount; c++) {
                HttpRequest request = tokenRequest.apply(nodes.get(c % nodes.size()).port, Bench.STAMPEDE_APP);
                callers.add(Thread.ofVirtual().start(() -> {
                    try {
                        go.await();
                        long nanos = Bench.timed(http, request);
                        synchronized (waits) {
                            waits.recordValue(nanos);
                        }
                    } catch (Exception e) {
                        failures.incrementAndGet();
                    }
                }));
            }
            go.countDown();
            for (Thread caller : callers) {
                caller.join();
            }
            double[] timerAfter = upstreamTimer(http, nodes);
            double calls = timerAfter[1] - timerBefore[1];
            double upstreamMillis = calls > 0 ? (timerAfter[0] - timerBefore[0]) * 1000 / calls : Double.NaN;
            return new Round(waits, upstreamTokenCalls(http, nodes) - before, failures.get(), upstreamMillis);
        } finally {
            upstreamLatency(http, nodes, 0);
        }
    }

    /**
     * {sum in seconds, count} of wxgate's own timer of its calls to WeChat's token endpoints for the stampede's app
     * ({@code wxgate.token.upstream}), over the nodes: the upstream call's latency as wxgate saw it, which on this box
     * includes the in-process sandbox's share of the CPU during the burst.
     */
    private static double[] upstreamTimer(HttpClient http, List<WxgateProcess> nodes) throws Exception {
        Pattern line = Pattern.compile(
                "^wxgate_token_upstream_seconds_(sum|count)\\{[^}]*app=\"" + Bench.STAMPEDE_APP
                        + "\"[^}]*\\}\\s+([0-9.eE+-]+)$",
                Pattern.MULTILINE);
        double[] total = new double[2];
        for (WxgateProcess node : nodes) {
            Matcher m = line.matcher(Http.send(
                    http,
                    Http.get(node.port, "/actuator/prometheus")
                            .header("Authorization", "Bearer " + WxgateProcess.METRICS_KEY)
                            .build()));
            while (m.find()) {
                total[m.group(1).equals("sum") ? 0 : 1] += Double.parseDouble(m.group(2));
            }
        }
        return total;
    }

    private static void upstreamLatency(HttpClient http, List<WxgateProcess> nodes, int millis) throws Exception {
        for (WxgateProcess node : nodes) {
            for (String path : List.of("cgi-bin/token", "cgi-bin/stable_token")) {
                Http.send(
                        http,
                        Http.put(
                                        node.port,
                                        "/_sandbox/faults/" + path,
                                        "{\"latencyMillis\":" + millis + ",\"busyRate\":0,\"outage\":false}")
                                .build());
            }
        }
    }

    /** Sums, over the nodes' embedded sandboxes, the calls to WeChat's token endpoints for the stampede's app. */
    static long upstreamTokenCalls(HttpClient http, List<WxgateProcess> nodes) throws Exception {
        Pattern calls = Pattern.compile("\"/cgi-bin/(?:stable_)?token\"\\s*:\\s*(\\d+)");
        long total = 0;
        for (WxgateProcess node : nodes) {
            String stats =
                    Http.send(http, Http.get(node.port, "/_sandbox/stats").build());
            int app = stats.indexOf("\"" + Bench.STAMPEDE_APP + "\"");
            if (app < 0) {
                continue;
            }
            int close = stats.indexOf('}', app);
            Matcher m = calls.matcher(stats.substring(app, close < 0 ? stats.length() : close));
            while (m.find()) {
                total += Long.parseLong(m.group(1));
            }
        }
        return total;
    }
}
