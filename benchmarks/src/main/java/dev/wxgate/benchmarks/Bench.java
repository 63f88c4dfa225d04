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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The one command: starts wxgate from {@code bootstrap/target/wxgate.jar} in memory mode and in redis mode (local Redis
 * and PostgreSQL), runs every scenario against each with a warm-up, stops the processes and prints a table. Settings
 * are system properties ({@code -Dbench.measure=10} and so on, see docs/benchmarks.md).
 */
public final class Bench {
    static final String APP = "wxa1b2c3d4e5f60001";
    /** The sandbox's official account: callbacks in safe mode reach wxgate for it. */
    static final String CALLBACK_APP = "wxa1b2c3d4e5f60002";
    /** A third sandbox app whose tokens live seconds, so a stampede can meet a real expiry in a warm process. */
    static final String STAMPEDE_APP = "wxa1b2c3d4e5f60003";
    /** The sandbox apps' development callback settings (public, documented in the README). */
    static final String CALLBACK_TOKEN = "wxgatesandbox";

    static final String CALLBACK_AES_KEY = "wxgateSandboxEncodingAesKey0123456789abcdeg";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path jar = Path.of(System.getProperty("bench.jar", "bootstrap/target/wxgate.jar"));
    private final List<String> modes = list("bench.modes", "memory,redis");
    private final List<String> scenarios = list(
            "bench.scenarios", "floor,token,me,introspect,forward-auth,login,callback,callback-outbox,spring-session");
    private final List<Integer> concurrencies =
            list("bench.concurrency", "32,64").stream().map(Integer::valueOf).toList();
    private final Duration processWarmup = Duration.ofSeconds(Long.getLong("bench.process-warmup", 10));
    private final Duration warmup = Duration.ofSeconds(Long.getLong("bench.warmup", 2));
    private final Duration measure = Duration.ofSeconds(Long.getLong("bench.measure", 10));
    private final long maxRequests = Long.getLong("bench.max-requests", 5_000_000);
    private final int users = Integer.getInteger("bench.users", 200);
    private final boolean startup = Boolean.parseBoolean(System.getProperty("bench.startup", "true"));
    private final boolean micro = Boolean.parseBoolean(System.getProperty("bench.micro", "true"));
    private final String postgresUrl = System.getProperty("bench.postgres.url", "jdbc:postgresql://127.0.0.1:5432/");
    private final String postgresUser = System.getProperty("bench.postgres.user", "postgres");
    private final String postgresPassword = System.getProperty("bench.postgres.password", "");
    private final Path springSessionJar = Path.of(
            System.getProperty("bench.spring-session-jar", "benchmarks/target/wxgate-benchmarks-spring-session.jar"));

    private final String clientKey = randomKey();
    private final Stampede stampede = new Stampede(this::tokenRequest, maxRequests);
    private final Results results = new Results();
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
                "wxgate benchmarks: %s, %d cores, JDK %s; process warm-up %ds per path, warm-up %ds, measure %ds, concurrency %s%n",
                jar,
                Runtime.getRuntime().availableProcessors(),
                Runtime.version(),
                processWarmup.toSeconds(),
                warmup.toSeconds(),
                measure.toSeconds(),
                concurrencies);
        if (scenarios.contains("failover")) {
            failover();
        }
        for (String mode : modes) {
            switch (mode) {
                case "memory" -> runMemory();
                case "redis" -> runRedis();
                default -> throw new IllegalArgumentException("bench.modes: memory or redis, not " + mode);
            }
        }
        if (startup) {
            notes.addAll(new Startup(jar, commonArgs()).run());
        }
        System.out.println();
        System.out.println(results.table());
        notes.forEach(note -> System.out.println("- " + note));
        System.out.println();
        System.out.println("CPU milliseconds per request, by process, in each measured window:");
        results.cpuLines().forEach(line -> System.out.println("- " + line));
        if (micro) {
            System.out.println();
            System.out.println(Micro.run());
        }
    }

    private List<String> commonArgs() {
        List<String> args = new ArrayList<>(List.of(
                "--wxgate.login.per-client-ip=100000000",
                "--wxgate.login.per-app=100000000",
                // No refresh-ahead during the run: the stampede must meet a cold cache or an expired token, not a
                // timer's refresh.
                "--wxgate.token.check-interval=1h",
                "--wxgate.introspection.per-client=1000000000",
                "--wxgate.clients[0].id=bench",
                "--wxgate.clients[0].key-sha256=" + sha256Hex(clientKey),
                "--wxgate.clients[0].apps[0]=" + APP,
                "--wxgate.clients[0].apps[1]=" + STAMPEDE_APP));
        // The sandbox's two default apps as they are, and the stampede's app with tokens that live seconds.
        args.addAll(sandboxApp(0, APP, "5a4d0b0c1e2f3a4b5c6d7e8f90a10001", "mini-program", 7200));
        args.addAll(sandboxApp(1, CALLBACK_APP, "5a4d0b0c1e2f3a4b5c6d7e8f90a10002", "official-account", 7200));
        args.addAll(
                sandboxApp(2, STAMPEDE_APP, "5a4d0b0c1e2f3a4b5c6d7e8f90a10003", "mini-program", stampede.tokenLife()));
        return args;
    }

    private static List<String> sandboxApp(int index, String appId, String secret, String type, long tokenLife) {
        String p = "--wxgate.sandbox.apps[" + index + "].";
        return List.of(
                p + "app-id=" + appId,
                p + "secret=" + secret,
                p + "type=" + type,
                p + "union-group=sandbox-open-platform",
                p + "token-expires-in=" + tokenLife);
    }

    private void runMemory() throws Exception {
        try (WxgateProcess node = WxgateProcess.start(jar, commonArgs())) {
            node.awaitHealthy();
            startupNote("memory", node);
            notes.add(stampede.run("memory", List.of(node), false));
            scenarios("memory", node);
            notes.add(String.format(Locale.ROOT, "memory: RSS after load %.0f MiB", node.rssMiB()));
            notes.add(stampede.run("memory", List.of(node), true));
        }
    }

    private void runRedis() throws Exception {
        String database = "wxgate_bench_" + ProcessHandle.current().pid() + "_" + System.currentTimeMillis();
        execute("CREATE DATABASE " + database);
        try {
            List<String> args = redisArgs(database);
            try (WxgateProcess node = WxgateProcess.start(jar, args)) {
                node.awaitHealthy();
                startupNote("redis", node);
                // The stampede needs a second node of the same cluster; it idles while the load runs on the first.
                try (WxgateProcess second = WxgateProcess.start(jar, args)) {
                    second.awaitHealthy();
                    notes.add(stampede.run("redis", List.of(node, second), false));
                    scenarios("redis", node);
                    if (scenarios.contains("spring-session")) {
                        springSession();
                    }
                    notes.add(String.format(Locale.ROOT, "redis: RSS after load %.0f MiB", node.rssMiB()));
                    // The second node only idled: its HTTP and token paths get the JIT's warm-up too, as in a cluster
                    // that has been serving.
                    try (HttpClient http = Http.client()) {
                        login(http, second.port, "oBenchWarm");
                    }
                    HttpRequest secondToken = tokenRequest(second.port, APP);
                    LoadRun.run(
                            "second-node-warm-up",
                            "redis",
                            stampede.callers(),
                            processWarmup,
                            Duration.ZERO,
                            maxRequests,
                            (h, w, i) -> timed(h, secondToken));
                    notes.add(stampede.run("redis", List.of(node, second), true));
                }
            }
            if (scenarios.contains("callback-outbox")) {
                outboxCallback(args);
            }
        } finally {
            execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        }
    }

    /** Redis mode's node arguments, on the throwaway {@code database}. */
    private List<String> redisArgs(String database) {
        List<String> args = new ArrayList<>(commonArgs());
        byte[] serverKey = new byte[32];
        RANDOM.nextBytes(serverKey);
        args.addAll(List.of(
                "--wxgate.store=redis",
                // Each node keeps its own built-in sandbox: the stampede counts calls summed over them.
                "--wxgate.sandbox.allow-in-cluster=true",
                "--wxgate.sessions.server-key=" + Base64.getEncoder().encodeToString(serverKey),
                "--wxgate.redis.key-prefix=wxgate-bench-" + HexFormat.of().toHexDigits(RANDOM.nextInt()) + ":",
                "--spring.datasource.url=" + postgresUrl + database,
                "--spring.datasource.username=" + postgresUser,
                "--spring.datasource.password=" + postgresPassword));
        return args;
    }

    /**
     * The Redis master killed under load on two nodes, once per topology of {@code bench.failover.topology}
     * ({@code cluster,sentinel}); see {@link FailoverScenario}.
     */
    private void failover() throws Exception {
        for (String topology : list("bench.failover.topology", "cluster,sentinel")) {
            String database =
                    "wxgate_bench_failover_" + ProcessHandle.current().pid() + "_" + System.currentTimeMillis();
            execute("CREATE DATABASE " + database);
            try {
                List<String> args = redisArgs(database);
                FailoverScenario scenario = new FailoverScenario(
                        users,
                        topologyArgs -> startNodes(args, topologyArgs),
                        port -> tokenRequest(port, STAMPEDE_APP));
                String note = scenario.run(topology);
                System.out.println(note);
                notes.add(note);
            } finally {
                execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            }
        }
    }

    /** Two nodes with {@code args} and {@code extra}, healthy (a node that did not start is stopped with the rest). */
    private List<WxgateProcess> startNodes(List<String> args, List<String> extra) {
        List<String> all = new ArrayList<>(args);
        all.addAll(extra);
        List<WxgateProcess> nodes = new ArrayList<>();
        try {
            for (int i = 0; i < 2; i++) {
                nodes.add(WxgateProcess.start(jar, all));
            }
            for (WxgateProcess node : nodes) {
                node.awaitHealthy();
            }
            return nodes;
        } catch (Exception failed) {
            for (WxgateProcess node : nodes) {
                try {
                    node.close();
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
            throw new IllegalStateException(
                    "the failover's wxgate nodes did not start: " + failed.getMessage(), failed);
        }
    }

    /**
     * The comparison: {@link dev.wxgate.benchmarks.springsession.SpringSessionApp} (Spring Session Data Redis, a header
     * token) on the same Redis, started as a process of its own while the wxgate nodes idle, measured as wxgate's
     * {@code /me} is: its own floor ({@code /actuator/health/liveness}), then {@code GET /me} with one of
     * {@code bench.users} sessions; and how wxgate's session checks in redis mode compare with it.
     */
    private void springSession() throws Exception {
        if (!Files.isRegularFile(springSessionJar)) {
            throw new IllegalStateException(springSessionJar.toAbsolutePath() + " is missing: build with -Pbenchmarks");
        }
        List<String> args = List.of(
                "--spring.data.redis.host=127.0.0.1",
                "--spring.data.redis.port=6379",
                "--spring.session.data.redis.namespace=wxgate-bench-spring-session-"
                        + HexFormat.of().toHexDigits(RANDOM.nextInt()),
                "--management.endpoint.health.probes.enabled=true",
                "--logging.level.root=WARN");
        try (WxgateProcess app = WxgateProcess.start(springSessionJar, args)) {
            app.awaitHealthy();
            int port = app.port;
            HttpRequest floor = Http.get(port, "/actuator/health/liveness").build();
            List<HttpRequest> me = new ArrayList<>();
            try (HttpClient http = Http.client()) {
                for (int u = 0; u < users; u++) {
                    String token = Http.field(
                            Http.send(
                                    http,
                                    Http.post(port, "/login?openid=oBenchSpring" + u, null)
                                            .build()),
                            "token");
                    me.add(Http.get(port, "/me").header("X-Auth-Token", token).build());
                }
            }
            LoadRun.Step floorStep = (http, w, i) -> timed(http, floor);
            LoadRun.Step meStep = (http, w, i) -> timed(http, me.get((int) ((w * 7919L + i) % me.size())));
            int top = concurrencies.stream().mapToInt(Integer::intValue).max().orElse(1);
            LoadRun.run("process-warm-up", "redis", top, processWarmup, Duration.ZERO, maxRequests, floorStep);
            LoadRun.run("process-warm-up", "redis", top, processWarmup, Duration.ZERO, maxRequests, meStep);
            CpuMeter cpu = new CpuMeter(app.pid());
            for (int concurrency : concurrencies) {
                record("spring-session-floor", "redis", concurrency, floorStep, cpu);
                record("spring-session", "redis", concurrency, meStep, cpu);
            }
        }
        for (int concurrency : concurrencies) {
            double theirs = results.throughput("spring-session", "redis", concurrency);
            for (String check : List.of("me", "introspect", "forward-auth")) {
                double ours = results.throughput(check, "redis", concurrency);
                if (!Double.isNaN(ours)) {
                    notes.add(String.format(
                            Locale.ROOT,
                            "redis c=%d: wxgate %s ÷ Spring Session /me = %.0f ÷ %.0f = %.2f×",
                            concurrency,
                            check,
                            ours,
                            theirs,
                            ours / theirs));
                }
            }
        }
    }

    /**
     * The callback with push delivery on, on a node of its own (the same Redis and PostgreSQL): every push is stored in
     * the outbox before it is answered and delivered to the driver's webhook; measured against that node's own floor,
     * as mode {@code redis+outbox}. Then waits for every acknowledged push to arrive and notes the delivery latency.
     */
    private void outboxCallback(List<String> redisArgs) throws Exception {
        try (WebhookReceiver webhook = new WebhookReceiver()) {
            OutboxCallbackScenario outbox = new OutboxCallbackScenario(webhook);
            List<String> args = new ArrayList<>(redisArgs);
            // Its only configured app is the official account: the clients name the sandbox's other apps.
            args.removeIf(arg -> arg.startsWith("--wxgate.clients["));
            args.addAll(outbox.nodeArguments());
            try (WxgateProcess node = WxgateProcess.start(jar, args)) {
                node.awaitHealthy();
                String mode = "redis+outbox";
                HttpRequest floor =
                        Http.get(node.port, "/actuator/health/liveness").build();
                LoadRun.Step floorStep = (http, w, i) -> timed(http, floor);
                LoadRun.Step push = outbox.step(node.port, Long.toString(System.nanoTime() % 100_000, 36));
                int top =
                        concurrencies.stream().mapToInt(Integer::intValue).max().orElse(1);
                LoadRun.run("process-warm-up", mode, top, processWarmup, Duration.ZERO, maxRequests, floorStep);
                LoadRun.run("process-warm-up", mode, top, processWarmup, Duration.ZERO, maxRequests, push);
                outbox.startMeasuring();
                CpuMeter cpu = new CpuMeter(node.pid());
                for (int concurrency : concurrencies) {
                    record("floor", mode, concurrency, floorStep, cpu);
                    record("callback-outbox", mode, concurrency, push, cpu);
                    record("floor-end", mode, concurrency, floorStep, cpu);
                }
                notes.add(outbox.settle(Duration.ofSeconds(120)));
            }
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
        HttpRequest token = tokenRequest(port, APP);
        List<HttpRequest> me = new ArrayList<>();
        List<HttpRequest> introspect = new ArrayList<>();
        List<HttpRequest> forwardAuth = new ArrayList<>();
        String basic =
                "Basic " + Base64.getEncoder().encodeToString(("bench:" + clientKey).getBytes(StandardCharsets.UTF_8));
        try (HttpClient http = Http.client()) {
            for (int u = 0; u < users; u++) {
                String session = login(http, port, "oBenchMe" + u);
                me.add(Http.get(port, "/api/v1/me")
                        .header("Authorization", "Bearer " + session)
                        .build());
                // As Spring Security's opaque-token introspector sends it: HTTP Basic, a form body.
                introspect.add(Http.form(port, "/internal/v1/sessions/introspect", "token=" + session)
                        .header("Authorization", basic)
                        .build());
                forwardAuth.add(Http.get(port, "/internal/v1/forward-auth")
                        .header("Authorization", "Bearer " + session)
                        .header("X-Wxgate-Client-Key", clientKey)
                        .build());
            }
        }
        String run = Long.toString(System.nanoTime() % 100_000, 36);
        WechatPush wechat = new WechatPush(CALLBACK_TOKEN, CALLBACK_AES_KEY, CALLBACK_APP);
        AtomicLong pushes = new AtomicLong(System.currentTimeMillis() * 1000);
        Map<String, LoadRun.Step> steps = new LinkedHashMap<>();
        steps.put("floor", (http, w, i) -> timed(http, floor));
        steps.put("token", (http, w, i) -> timed(http, token));
        steps.put("me", (http, w, i) -> timed(http, me.get((int) ((w * 7919L + i) % me.size()))));
        steps.put("introspect", (http, w, i) -> {
            long began = System.nanoTime();
            String answer = Http.send(http, introspect.get((int) ((w * 7919L + i) % introspect.size())));
            long nanos = System.nanoTime() - began;
            if (!answer.contains("\"active\":true")) {
                throw new IllegalStateException("introspection answered " + answer);
            }
            return nanos;
        });
        steps.put(
                "forward-auth",
                (http, w, i) -> timed(http, forwardAuth.get((int) ((w * 7919L + i) % forwardAuth.size()))));
        steps.put("login", (http, w, i) -> {
            String openid = "oBench" + run + "w" + w + "n" + i + "t" + System.nanoTime() % 1_000_000;
            String code = Http.field(
                    Http.send(http, Http.post(port, codePath(openid), null).build()), "code");
            long began = System.nanoTime();
            Http.send(http, loginRequest(port, code));
            return System.nanoTime() - began;
        });
        steps.put("callback", (http, w, i) -> {
            long id = pushes.incrementAndGet();
            WechatPush.Push push = wechat.text(Long.toString(id), "n" + run + id);
            HttpRequest request = HttpRequest.newBuilder(
                            Http.local(port, "/wx/callback/" + CALLBACK_APP + "?" + push.query()))
                    .timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "text/xml")
                    .POST(HttpRequest.BodyPublishers.ofString(push.body()))
                    .build();
            long began = System.nanoTime();
            String answer = Http.send(http, request);
            long nanos = System.nanoTime() - began;
            if (!"success".equals(answer)) {
                throw new IllegalStateException("the callback was answered " + answer);
            }
            return nanos;
        });
        // The JIT of a fresh process: every selected path, untimed, before the first measured run.
        int top = concurrencies.stream().mapToInt(Integer::intValue).max().orElse(1);
        for (Map.Entry<String, LoadRun.Step> step : steps.entrySet()) {
            if (scenarios.contains(step.getKey()) || step.getKey().equals("floor")) {
                LoadRun.run("process-warm-up", mode, top, processWarmup, Duration.ZERO, maxRequests, step.getValue());
            }
        }
        CpuMeter cpu = new CpuMeter(node.pid());
        for (int concurrency : concurrencies) {
            for (Map.Entry<String, LoadRun.Step> step : steps.entrySet()) {
                record(step.getKey(), mode, concurrency, step.getValue(), cpu);
            }
            // The floor again after the scenarios: the first run of a block can still meet a JIT compiling or a heap
            // growing, which would flatter every ratio. The ratio uses the better of the two.
            record("floor-end", mode, concurrency, steps.get("floor"), cpu);
        }
    }

    private void record(String scenario, String mode, int concurrency, LoadRun.Step step, CpuMeter cpu)
            throws Exception {
        String selection = scenario.startsWith("spring-session") ? "spring-session" : scenario;
        if (!scenarios.contains(selection) && !scenario.startsWith("floor")) {
            return;
        }
        // CPU is read at the edges of the measured window only, from a thread of its own.
        CpuMeter.Snapshot[] edges = new CpuMeter.Snapshot[2];
        Thread meter = Thread.ofVirtual().start(() -> {
            try {
                Thread.sleep(warmup);
                edges[0] = cpu.snapshot();
                Thread.sleep(measure);
                edges[1] = cpu.snapshot();
            } catch (InterruptedException stopped) {
                Thread.currentThread().interrupt();
            }
        });
        LoadRun.Result result = LoadRun.run(scenario, mode, concurrency, warmup, measure, maxRequests, step);
        meter.join();
        CpuMeter.Usage usage = edges[0] == null || edges[1] == null
                ? new CpuMeter.Usage(Map.of(), Double.NaN)
                : CpuMeter.between(edges[0], edges[1]);
        results.add(result, usage);
    }

    private HttpRequest tokenRequest(int port, String appId) {
        return Http.get(port, "/internal/v1/apps/" + appId + "/access-token")
                .header("Authorization", "Bearer " + clientKey)
                .build();
    }

    static long timed(HttpClient http, HttpRequest request) throws Exception {
        long began = System.nanoTime();
        Http.send(http, request);
        return System.nanoTime() - began;
    }

    static String codePath(String openid) {
        return "/_sandbox/apps/" + APP + "/users/" + openid + "/login-code";
    }

    static HttpRequest loginRequest(int port, String code) {
        return Http.post(port, "/api/v1/login", "{\"appId\":\"" + APP + "\",\"code\":\"" + code + "\"}")
                .build();
    }

    private static String login(HttpClient http, int port, String openid) throws Exception {
        String code = Http.field(
                Http.send(http, Http.post(port, codePath(openid), null).build()), "code");
        return Http.field(Http.send(http, loginRequest(port, code)), "token");
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
