package dev.wxgate.benchmarks;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.Histogram;

/**
 * The one command: starts wxgate from {@code bootstrap/target/wxgate.jar} in memory mode and in redis mode (local Redis
 * and PostgreSQL), runs every scenario against each with a warm-up, stops the processes and prints a table. Settings
 * are system properties ({@code -Dbench.measure=10} and so on, see docs/benchmarks.md).
 */
public final class Bench {
    static final String APP = "wxa1b2c3d4e5f60001";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path jar = Path.of(System.getProperty("bench.jar", "bootstrap/target/wxgate.jar"));
    private final List<String> modes = list("bench.modes", "memory,redis");
    private final List<String> scenarios = list("bench.scenarios", "floor,token,me,login");
    private final List<Integer> concurrencies =
            list("bench.concurrency", "32,64").stream().map(Integer::valueOf).toList();
    private final Duration processWarmup = Duration.ofSeconds(Long.getLong("bench.process-warmup", 5));
    private final Duration warmup = Duration.ofSeconds(Long.getLong("bench.warmup", 2));
    private final Duration measure = Duration.ofSeconds(Long.getLong("bench.measure", 10));
    private final long maxRequests = Long.getLong("bench.max-requests", 5_000_000);
    private final int users = Integer.getInteger("bench.users", 200);
    private final int stampedeCallers = Integer.getInteger("bench.stampede.callers", 64);
    private final int upstreamLatencyMillis = Integer.getInteger("bench.stampede.upstream-latency-ms", 200);
    private final String postgresUrl = System.getProperty("bench.postgres.url", "jdbc:postgresql://127.0.0.1:5432/");
    private final String postgresUser = System.getProperty("bench.postgres.user", "postgres");
    private final String postgresPassword = System.getProperty("bench.postgres.password", "");

    private final String clientKey = randomKey();
    private final List<LoadRun.Result> results = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    public static void main(String[] args) throws Exception {
        new Bench().runAll();
    }

    private void runAll() throws Exception {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(
                    jar.toAbsolutePath() + " is missing: run ./mvnw -Pbenchmarks package -DskipTests first");
        }
        System.out.printf(
                "wxgate benchmarks: %s, %d cores, JDK %s; process warm-up 3x%ds, warm-up %ds, measure %ds, concurrency %s%n",
                jar,
                Runtime.getRuntime().availableProcessors(),
                Runtime.version(),
                processWarmup.toSeconds(),
                warmup.toSeconds(),
                measure.toSeconds(),
                concurrencies);
        for (String mode : modes) {
            switch (mode) {
                case "memory" -> runMemory();
                case "redis" -> runRedis();
                default -> throw new IllegalArgumentException("bench.modes: memory or redis, not " + mode);
            }
        }
        System.out.println();
        System.out.println(table());
        notes.forEach(note -> System.out.println("- " + note));
    }

    private List<String> commonArgs() {
        return List.of(
                "--wxgate.login.per-client-ip=100000000",
                "--wxgate.login.per-app=100000000",
                // No refresh-ahead during the run: the stampede must meet a cold cache, not a timer's refresh.
                "--wxgate.token.check-interval=1h",
                "--wxgate.clients[0].id=bench",
                "--wxgate.clients[0].key-sha256=" + sha256Hex(clientKey),
                "--wxgate.clients[0].apps[0]=" + APP);
    }

    private void runMemory() throws Exception {
        try (WxgateProcess node = WxgateProcess.start(jar, commonArgs())) {
            node.awaitHealthy();
            startupNote("memory", node);
            stampede("memory", List.of(node));
            scenarios("memory", node);
            notes.add(String.format(Locale.ROOT, "memory: RSS after load %.0f MiB", node.rssMiB()));
        }
    }

    private void runRedis() throws Exception {
        String database = "wxgate_bench_" + ProcessHandle.current().pid() + "_" + System.currentTimeMillis();
        execute("CREATE DATABASE " + database);
        try {
            List<String> args = new ArrayList<>(commonArgs());
            byte[] serverKey = new byte[32];
            RANDOM.nextBytes(serverKey);
            args.addAll(List.of(
                    "--wxgate.store=redis",
                    "--wxgate.sessions.server-key=" + Base64.getEncoder().encodeToString(serverKey),
                    "--wxgate.redis.key-prefix=wxgate-bench-" + HexFormat.of().toHexDigits(RANDOM.nextInt()) + ":",
                    "--spring.datasource.url=" + postgresUrl + database,
                    "--spring.datasource.username=" + postgresUser,
                    "--spring.datasource.password=" + postgresPassword));
            try (WxgateProcess node = WxgateProcess.start(jar, args)) {
                node.awaitHealthy();
                startupNote("redis", node);
                // The stampede needs a second node of the same cluster; it is stopped before the load runs.
                try (WxgateProcess second = WxgateProcess.start(jar, args)) {
                    second.awaitHealthy();
                    stampede("redis", List.of(node, second));
                }
                scenarios("redis", node);
                notes.add(String.format(Locale.ROOT, "redis: RSS after load %.0f MiB", node.rssMiB()));
            }
        } finally {
            execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        }
    }

    private void startupNote(String mode, WxgateProcess node) {
        notes.add(String.format(
                Locale.ROOT,
                "%s: Spring Boot \"Started\" after %.1f s; /actuator/health UP %.1f s after launch; RSS idle %.0f MiB",
                mode,
                node.startedSeconds(),
                node.healthySeconds(),
                node.rssMiB()));
    }

    private void scenarios(String mode, WxgateProcess node) throws Exception {
        int port = node.port;
        HttpRequest floor = Http.get(port, "/actuator/health/liveness").build();
        HttpRequest token = Http.get(port, "/internal/v1/apps/" + APP + "/access-token")
                .header("Authorization", "Bearer " + clientKey)
                .build();
        List<HttpRequest> me = new ArrayList<>();
        try (HttpClient http = Http.client()) {
            for (int u = 0; u < users; u++) {
                String session = login(http, port, "oBenchMe" + u);
                me.add(Http.get(port, "/api/v1/me")
                        .header("Authorization", "Bearer " + session)
                        .build());
            }
        }
        String run = Long.toString(System.nanoTime() % 100_000, 36);
        boolean processWarmedUp = false;
        for (int concurrency : concurrencies) {
            if (!processWarmedUp) {
                // The JIT of a fresh process: every code path once, untimed, before the first measured run.
                int top =
                        concurrencies.stream().mapToInt(Integer::intValue).max().orElse(concurrency);
                for (HttpRequest path : List.of(floor, token, me.getFirst())) {
                    LoadRun.run(
                            "process-warm-up",
                            mode,
                            top,
                            processWarmup,
                            Duration.ZERO,
                            maxRequests,
                            (h, w, i) -> timed(h, path));
                }
                processWarmedUp = true;
            }
            record("floor", mode, concurrency, (http, w, i) -> timed(http, floor));
            record("token", mode, concurrency, (http, w, i) -> timed(http, token));
            record("me", mode, concurrency, (http, w, i) -> timed(http, me.get((int) ((w * 7919L + i) % me.size()))));
            record("login", mode, concurrency, (http, w, i) -> {
                String openid = "oBench" + run + "c" + concurrency + "w" + w + "n" + i;
                String code = Http.field(
                        Http.send(http, Http.post(port, codePath(openid), null).build()), "code");
                long began = System.nanoTime();
                Http.send(http, loginRequest(port, code));
                return System.nanoTime() - began;
            });
        }
    }

    private void record(String scenario, String mode, int concurrency, LoadRun.Step step) throws Exception {
        if (!scenarios.contains(scenario)) {
            return;
        }
        LoadRun.Result result = LoadRun.run(scenario, mode, concurrency, warmup, measure, maxRequests, step);
        results.add(result);
        System.out.printf(
                Locale.ROOT,
                "  %-6s %-6s c=%-3d %9.0f req/s  p50 %6.2f  p99 %6.2f  p99.9 %6.2f ms  errors %d%s%n",
                scenario,
                mode,
                concurrency,
                result.throughput(),
                result.millis(50),
                result.millis(99),
                result.millis(99.9),
                result.errors(),
                result.firstError() == null ? "" : "  (first: " + result.firstError() + ")");
    }

    /**
     * N callers at once on a cold token cache, spread over the given nodes, each node's sandbox answering the token
     * call after {@code upstreamLatencyMillis}; counts the token calls every node's sandbox received.
     */
    private void stampede(String mode, List<WxgateProcess> nodes) throws Exception {
        try (HttpClient http = Http.client()) {
            for (WxgateProcess node : nodes) {
                for (String path : List.of("cgi-bin/token", "cgi-bin/stable_token")) {
                    Http.send(
                            http,
                            Http.put(
                                            node.port,
                                            "/_sandbox/faults/" + path,
                                            "{\"latencyMillis\":" + upstreamLatencyMillis
                                                    + ",\"busyRate\":0,\"outage\":false}")
                                    .build());
                }
            }
            // Warm JIT and open the callers' keep-alive connections first, so the wait measured is the token's.
            for (WxgateProcess node : nodes) {
                HttpRequest live =
                        Http.get(node.port, "/actuator/health/liveness").build();
                LoadRun.run(
                        "stampede-warm-up",
                        mode,
                        stampedeCallers,
                        Duration.ZERO,
                        Duration.ofSeconds(3),
                        maxRequests,
                        (h, w, i) -> timed(h, live),
                        http);
            }
            long before = upstreamTokenCalls(http, nodes);
            CountDownLatch go = new CountDownLatch(1);
            Histogram waits = new Histogram(TimeUnit.MINUTES.toNanos(1), 3);
            List<Thread> callers = new ArrayList<>();
            int[] failures = new int[1];
            for (int c = 0; c < stampedeCallers; c++) {
                WxgateProcess node = nodes.get(c % nodes.size());
                HttpRequest request = Http.get(node.port, "/internal/v1/apps/" + APP + "/access-token")
                        .header("Authorization", "Bearer " + clientKey)
                        .build();
                callers.add(Thread.ofVirtual().start(() -> {
                    try {
                        go.await();
                        long nanos = timed(http, request);
                        synchronized (waits) {
                            waits.recordValue(nanos);
                        }
                    } catch (Exception e) {
                        synchronized (waits) {
                            failures[0]++;
                        }
                    }
                }));
            }
            go.countDown();
            for (Thread caller : callers) {
                caller.join();
            }
            long upstream = upstreamTokenCalls(http, nodes) - before;
            for (WxgateProcess node : nodes) {
                for (String path : List.of("cgi-bin/token", "cgi-bin/stable_token")) {
                    Http.send(
                            http,
                            Http.put(node.port, "/_sandbox/faults/" + path, "{\"latencyMillis\":0}")
                                    .build());
                }
            }
            String line = String.format(
                    Locale.ROOT,
                    "%s: stampede of %d callers on %d node(s), cold cache, upstream token call delayed %d ms: "
                            + "%d upstream token call(s) (target 1) [%s]; callers' wait p50 %.1f, p99 %.1f, max %.1f ms "
                            + "(target p99 <= %d ms) [%s]; failures %d",
                    mode,
                    stampedeCallers,
                    nodes.size(),
                    upstreamLatencyMillis,
                    upstream,
                    upstream == 1 ? "met" : "MISSED",
                    waits.getValueAtPercentile(50) / 1e6,
                    waits.getValueAtPercentile(99) / 1e6,
                    waits.getMaxValue() / 1e6,
                    upstreamLatencyMillis + 20,
                    waits.getValueAtPercentile(99) / 1e6 <= upstreamLatencyMillis + 20 ? "met" : "MISSED",
                    failures[0]);
            System.out.println("  " + line);
            notes.add(line);
        }
    }

    /** Sums, over the nodes' embedded sandboxes, the calls to WeChat's token endpoints for the app. */
    private static long upstreamTokenCalls(HttpClient http, List<WxgateProcess> nodes) throws Exception {
        Pattern calls = Pattern.compile("\"/cgi-bin/(?:stable_)?token\"\\s*:\\s*(\\d+)");
        long total = 0;
        for (WxgateProcess node : nodes) {
            String stats =
                    Http.send(http, Http.get(node.port, "/_sandbox/stats").build());
            int app = stats.indexOf("\"" + APP + "\"");
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

    private static long timed(HttpClient http, HttpRequest request) throws Exception {
        long began = System.nanoTime();
        Http.send(http, request);
        return System.nanoTime() - began;
    }

    private static String codePath(String openid) {
        return "/_sandbox/apps/" + APP + "/users/" + openid + "/login-code";
    }

    private static HttpRequest loginRequest(int port, String code) {
        return Http.post(port, "/api/v1/login", "{\"appId\":\"" + APP + "\",\"code\":\"" + code + "\"}")
                .build();
    }

    private static String login(HttpClient http, int port, String openid) throws Exception {
        String code = Http.field(
                Http.send(http, Http.post(port, codePath(openid), null).build()), "code");
        return Http.field(Http.send(http, loginRequest(port, code)), "token");
    }

    private String table() {
        StringBuilder out = new StringBuilder(
                "| scenario | mode | concurrency | throughput (req/s) | p50 (ms) | p99 (ms) | p99.9 (ms) | errors | ratio to floor |\n"
                        + "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        for (LoadRun.Result r : results) {
            double floor = results.stream()
                    .filter(f -> f.scenario().equals("floor")
                            && f.mode().equals(r.mode())
                            && f.concurrency() == r.concurrency())
                    .mapToDouble(LoadRun.Result::throughput)
                    .findFirst()
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

    private void execute(String sql) throws Exception {
        try (Connection connection =
                        DriverManager.getConnection(postgresUrl + "postgres", postgresUser, postgresPassword);
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static List<String> list(String property, String fallback) {
        return Arrays.stream(System.getProperty(property, fallback).split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .toList();
    }

    private static String randomKey() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String sha256Hex(String value) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
