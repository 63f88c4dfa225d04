package dev.wxgate.benchmarks;

import dev.wxgate.testfixtures.RedisClusterProcesses;
import dev.wxgate.testfixtures.RedisSentinelProcesses;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The Redis master killed under load ({@code -Dbench.scenarios=failover}): a Redis Cluster (3 masters + 3 replicas,
 * the master of the token's slot killed) or Sentinel (a master, a replica, 3 sentinels), local processes the driver
 * starts itself, and two wxgate nodes on it with their default Redis settings. {@code bench.failover.callers} callers
 * per node send {@code /api/v1/me} (one of {@code bench.users} sessions), token reads and logins, in the ratio 6:3:1;
 * after {@code bench.failover.before} seconds the master is killed (SIGKILL). Reported: the error window (first to last
 * non-200 answer, from the kill), the recovery time (from the kill to the first whole second of only 200s with no error
 * after it), answers by status, {@code /me} answers naming another user, token calls WeChat got, sessions lost.
 */
final class FailoverScenario {
    private static final Duration FAILOVER = Duration.ofSeconds(60);

    private final int callers = Integer.getInteger("bench.failover.callers", 8);
    private final Duration before = Duration.ofSeconds(Long.getLong("bench.failover.before", 10));
    private final Duration after = Duration.ofSeconds(Long.getLong("bench.failover.after", 10));
    private final int users;
    private final Function<List<String>, List<WxgateProcess>> startNodes;
    private final Function<Integer, HttpRequest> tokenRequest;

    private record Answer(long atMillis, String kind, int status, String error) {}

    /**
     * @param startNodes starts the two nodes with these extra arguments (the Redis topology's) and waits for them
     * @param tokenRequest the internal API's token request of the short-lived app for a node's port
     */
    FailoverScenario(
            int users,
            Function<List<String>, List<WxgateProcess>> startNodes,
            Function<Integer, HttpRequest> tokenRequest) {
        this.users = users;
        this.startNodes = startNodes;
        this.tokenRequest = tokenRequest;
    }

    /** Runs the kill on {@code topology} (cluster or sentinel) and answers the line for the notes. */
    String run(String topology) throws Exception {
        return switch (topology) {
            case "cluster" -> {
                try (RedisClusterProcesses cluster = RedisClusterProcesses.start()) {
                    String nodes = String.join(
                            ",",
                            cluster.seedUrls().stream().map(u -> u.substring(8)).toList());
                    yield measure(
                            "cluster",
                            List.of("--spring.data.redis.cluster.nodes=" + nodes),
                            tokenKey -> cluster.failOver(cluster.masterOf(tokenKey), FAILOVER));
                }
            }
            case "sentinel" -> {
                try (RedisSentinelProcesses sentinel = RedisSentinelProcesses.start()) {
                    yield measure(
                            "sentinel",
                            List.of(
                                    "--spring.data.redis.sentinel.master=" + RedisSentinelProcesses.MASTER_NAME,
                                    "--spring.data.redis.sentinel.nodes=" + String.join(",", sentinel.sentinelNodes())),
                            tokenKey -> sentinel.failOver(FAILOVER));
                }
            }
            default ->
                throw new IllegalArgumentException("bench.failover.topology: cluster or sentinel, not " + topology);
        };
    }

    private String measure(String topology, List<String> redisArgs, Consumer<String> failOver) throws Exception {
        List<WxgateProcess> nodes = startNodes.apply(redisArgs);
        try {
            List<String[]> sessions = new ArrayList<>(); // {openid, token}
            try (HttpClient http = Http.client()) {
                for (int u = 0; u < users; u++) {
                    String openid = "oFailover" + u;
                    sessions.add(new String[] {openid, login(http, nodes.get(u % 2).port, openid)});
                }
            }
            long callsBefore = upstreamTokenCalls(nodes);
            Queue<Answer> answers = new ConcurrentLinkedQueue<>();
            Set<String> tokens = ConcurrentHashMap.newKeySet();
            AtomicLong wrongUsers = new AtomicLong();
            AtomicLong logins = new AtomicLong();
            long killedAt;
            long failedOverAt;
            AtomicBoolean running = new AtomicBoolean(true);
            try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
                for (WxgateProcess node : nodes) {
                    for (int c = 0; c < callers; c++) {
                        int caller = c;
                        threads.submit(() -> {
                            try (HttpClient http = Http.client()) {
                                for (long i = 0; running.get(); i++) {
                                    int pick = (int) ((i + caller) % 10);
                                    answers.add(
                                            pick < 6
                                                    ? me(
                                                            http,
                                                            node.port,
                                                            sessions.get(
                                                                    (int) ((caller * 7919L + i) % sessions.size())),
                                                            wrongUsers)
                                                    : pick < 9
                                                            ? token(http, node.port, tokens)
                                                            : newLogin(http, node.port, logins.incrementAndGet()));
                                }
                            }
                            return null;
                        });
                    }
                }
                Thread.sleep(before);
                killedAt = System.currentTimeMillis();
                failOver.accept("{wxgate:token:" + Bench.STAMPEDE_APP + "}:state");
                failedOverAt = System.currentTimeMillis();
                // Keep the load on until `after` seconds have passed with only 200s (or a minute).
                long deadline = killedAt + 60_000;
                while (System.currentTimeMillis() < deadline
                        && System.currentTimeMillis() - lastFailure(answers, killedAt) < after.toMillis()) {
                    Thread.sleep(200);
                }
                running.set(false);
            }
            long calls = upstreamTokenCalls(nodes) - callsBefore;
            long lost = lostSessions(nodes, sessions);
            return report(
                    topology,
                    List.copyOf(answers),
                    killedAt,
                    failedOverAt,
                    tokens.size(),
                    calls,
                    wrongUsers.get(),
                    lost);
        } finally {
            for (WxgateProcess node : nodes) {
                node.close();
            }
        }
    }

    private static long upstreamTokenCalls(List<WxgateProcess> nodes) throws Exception {
        try (HttpClient http = Http.client()) {
            return Stampede.upstreamTokenCalls(http, nodes);
        }
    }

    private static long lastFailure(Queue<Answer> answers, long since) {
        long last = since;
        for (Answer a : answers) {
            if (a.status() != 200 && a.atMillis() > last) {
                last = a.atMillis();
            }
        }
        return last;
    }

    private static String report(
            String topology,
            List<Answer> answers,
            long killedAt,
            long failedOverAt,
            int tokenValues,
            long calls,
            long wrongUsers,
            long lost) {
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        Map<String, Long> byStatus = new TreeMap<>();
        // Whole seconds from the kill: does any answer in that second fail?
        Map<Long, Boolean> secondFailed = new TreeMap<>();
        for (Answer a : answers) {
            boolean ok = a.status() == 200;
            byStatus.merge(a.kind() + " " + (ok ? "200" : a.status() + " " + a.error()), 1L, Long::sum);
            if (!ok) {
                first = Math.min(first, a.atMillis());
                last = Math.max(last, a.atMillis());
            }
            if (a.atMillis() >= killedAt) {
                secondFailed.merge((a.atMillis() - killedAt) / 1000, !ok, Boolean::logicalOr);
            }
        }
        long recoveredSecond = 0;
        for (Map.Entry<Long, Boolean> second : secondFailed.entrySet()) {
            if (second.getValue()) {
                recoveredSecond = second.getKey() + 1;
            }
        }
        boolean anyFailure = first != Long.MAX_VALUE;
        return String.format(
                Locale.ROOT,
                "failover %s: Redis failed over in %.1f s; error window %s; recovered (first whole second of only 200s"
                        + " after the kill) %d s after the kill; answers %s; 500s %d; /me naming another user %d;"
                        + " token refreshes seen (distinct fetchedAt) %d, WeChat token calls %d; sessions made before the kill lost %d",
                topology,
                (failedOverAt - killedAt) / 1000.0,
                anyFailure
                        ? String.format(
                                Locale.ROOT,
                                "%+.1f s to %+.1f s after the kill (%.1f s)",
                                (first - killedAt) / 1000.0,
                                (last - killedAt) / 1000.0,
                                (last - first) / 1000.0)
                        : "none",
                recoveredSecond,
                byStatus,
                answers.stream().filter(a -> a.status() == 500).count(),
                wrongUsers,
                tokenValues,
                calls,
                lost);
    }

    private static Answer me(HttpClient http, int port, String[] session, AtomicLong wrongUsers) {
        HttpRequest request = Http.get(port, "/api/v1/me")
                .header("Authorization", "Bearer " + session[1])
                .build();
        return send(http, "me", request, body -> {
            if (!body.contains("\"openid\":\"" + session[0] + "\"")) {
                wrongUsers.incrementAndGet();
            }
        });
    }

    /** Keeps each token's {@code fetchedAt}: one per refresh (a stable_token refresh may answer the same value). */
    private Answer token(HttpClient http, int port, Set<String> tokens) {
        return send(http, "token", tokenRequest.apply(port), body -> tokens.add(Http.field(body, "fetchedAt")));
    }

    private static Answer newLogin(HttpClient http, int port, long n) {
        try {
            String code = Http.field(
                    Http.send(
                            http,
                            Http.post(port, Bench.codePath("oFailoverNew" + n), null)
                                    .build()),
                    "code");
            return send(http, "login", Bench.loginRequest(port, code), body -> {});
        } catch (Exception failed) {
            return new Answer(System.currentTimeMillis(), "login", -1, failed.toString());
        }
    }

    private static Answer send(HttpClient http, String kind, HttpRequest request, Consumer<String> onOk) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            long at = System.currentTimeMillis();
            if (response.statusCode() == 200) {
                onOk.accept(response.body());
                return new Answer(at, kind, 200, "");
            }
            String error = response.body().contains("\"error\"") ? Http.field(response.body(), "error") : "";
            return new Answer(at, kind, response.statusCode(), error);
        } catch (Exception failed) {
            return new Answer(
                    System.currentTimeMillis(), kind, -1, failed.getClass().getSimpleName());
        }
    }

    /** Sessions made before the kill that some node no longer knows (401), asked until no node answers 503. */
    private static long lostSessions(List<WxgateProcess> nodes, List<String[]> sessions) throws Exception {
        long lost = 0;
        try (HttpClient http = Http.client()) {
            for (String[] session : sessions) {
                for (WxgateProcess node : nodes) {
                    HttpRequest request = Http.get(node.port, "/api/v1/me")
                            .header("Authorization", "Bearer " + session[1])
                            .build();
                    int status;
                    long deadline = System.currentTimeMillis() + 30_000;
                    do {
                        status = http.send(request, HttpResponse.BodyHandlers.discarding())
                                .statusCode();
                    } while (status == 503 && System.currentTimeMillis() < deadline && pause());
                    if (status != 200) {
                        lost++;
                        break;
                    }
                }
            }
        }
        return lost;
    }

    private static boolean pause() {
        try {
            Thread.sleep(100);
            return true;
        } catch (InterruptedException stopped) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String login(HttpClient http, int port, String openid) throws Exception {
        String code = Http.field(
                Http.send(http, Http.post(port, Bench.codePath(openid), null).build()), "code");
        return Http.field(Http.send(http, Bench.loginRequest(port, code)), "token");
    }
}
