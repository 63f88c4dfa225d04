package dev.wxgate.token;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wxgate.testfixtures.DatabaseFixture;
import dev.wxgate.testfixtures.RedisClusterProcesses;
import dev.wxgate.testfixtures.RedisSentinelProcesses;
import dev.wxgate.testfixtures.Waits;
import dev.wxgate.token.FailoverLoad.Kind;
import dev.wxgate.token.FailoverLoad.Login;
import dev.wxgate.token.FailoverLoad.Outcome;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.LongSummaryStatistics;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Redis master dies under load: two wxgate nodes on a Redis Cluster (3 masters + 3 replicas) or on Sentinel (a
 * master, a replica, 3 sentinels), all local processes of the test's own, serve {@code /api/v1/me}, access_token reads
 * and logins while the master holding the token's key is killed (SIGKILL) and its replica takes over. Asserted as
 * counts: every answer is 200 or 503 {@code store_unavailable} (never a 500, never another user), the access_token is
 * fetched from WeChat at most once per expiry (tokens live 3 s, so several expire around the failover), no session
 * made before is lost except one whose write fell inside the replication window, and afterwards both nodes serve every
 * session again, without a restart.
 *
 * <p>The replication window: Redis replicates asynchronously, so a write the old master acknowledged may not have
 * reached its replica when the master died; the promoted replica does not have it. Only writes answered within the
 * last moment before the kill (allowed here: the last second before it, which is generous) may be lost that way.
 */
class RedisFailoverTest {
    private static final String APP = "wx00000000000f0001";
    private static final String SECRET = "5ec7e700000000000f000100000000aa";
    private static final String CLIENT_KEY = "failover-test-key-" + UUID.randomUUID();
    private static final String PREFIX = "failover:";
    /** The access_token's state: the key whose master the Cluster test kills. */
    private static final String TOKEN_KEY = PREFIX + "{wxgate:token:" + APP + "}:state";

    private static final String TOKEN_PATH = "/cgi-bin/token";
    private static final long TOKEN_LIFETIME_SECONDS = 3;
    private static final int SESSIONS = 80;
    private static final long REPLICATION_WINDOW_MILLIS = 1000;
    private static final Duration FAILOVER = Duration.ofSeconds(30);
    private static final Duration RECOVERY = Duration.ofSeconds(30);

    private static StandaloneSandbox sandbox;

    @BeforeAll
    static void startSandbox() {
        sandbox = new StandaloneSandbox(Map.of(
                "wxgate.sandbox.apps[0].app-id",
                APP,
                "wxgate.sandbox.apps[0].secret",
                SECRET,
                "wxgate.sandbox.apps[0].type",
                "mini-program",
                "wxgate.sandbox.apps[0].token-expires-in",
                Long.toString(TOKEN_LIFETIME_SECONDS)));
    }

    @AfterAll
    static void stopSandbox() {
        if (sandbox != null) {
            sandbox.close();
        }
    }

    @Test
    void whenAClusterMasterDiesUnderLoadAnswersAre200Or503NoSessionIsLostAndEveryNodeRecovers() throws Exception {
        try (RedisClusterProcesses cluster = RedisClusterProcesses.start()) {
            Map<String, Object> redis = new LinkedHashMap<>();
            redis.put(
                    "spring.data.redis.cluster.nodes",
                    String.join(
                            ",",
                            cluster.seedUrls().stream()
                                    .map(url -> url.substring("redis://".length()))
                                    .toList()));
            survivesAMasterKill("Cluster", redis, key -> cluster.failOver(cluster.masterOf(key), FAILOVER));
        }
    }

    @Test
    void whenTheSentinelsMasterDiesUnderLoadAnswersAre200Or503NoSessionIsLostAndEveryNodeRecovers() throws Exception {
        try (RedisSentinelProcesses sentinel = RedisSentinelProcesses.start()) {
            Map<String, Object> redis = new LinkedHashMap<>();
            redis.put("spring.data.redis.sentinel.master", RedisSentinelProcesses.MASTER_NAME);
            redis.put("spring.data.redis.sentinel.nodes", String.join(",", sentinel.sentinelNodes()));
            survivesAMasterKill("Sentinel", redis, key -> sentinel.failOver(FAILOVER));
        }
    }

    /** The scenario on one topology: {@code failOver} kills the master serving the given key and waits for its heir. */
    private static void survivesAMasterKill(String topology, Map<String, Object> redis, Consumer<String> failOver)
            throws Exception {
        List<WxgateNode> nodes = startNodes(nodeProperties(redis));
        try {
            WxgateNode first = nodes.getFirst();
            List<Login> existing = logInMany(nodes, SESSIONS);
            assertThat(first.token(APP).status()).isEqualTo(200);
            long callsBefore = sandbox.calls(APP, TOKEN_PATH);

            long killedAt;
            long failedOverAt;
            long recoveredAt;
            FailoverLoad load = new FailoverLoad(nodes, sandbox.baseUrl, APP, existing);
            try (load) {
                load.start(3, 2, 1);
                Waits.until(RECOVERY, "the load to get going", () -> load.count(Kind.LOGIN, 0) >= 10);

                killedAt = System.currentTimeMillis();
                failOver.accept(TOKEN_KEY);
                failedOverAt = System.currentTimeMillis();

                // Serving again: every kind answered 200 on every node since Redis has its new master.
                Waits.until(
                        RECOVERY, "both nodes to serve again", () -> servingSince(load, failedOverAt, nodes.size()));
                recoveredAt = System.currentTimeMillis();
                // Keep the load on until the token has expired once more since, and twice in all (each expiry shows
                // a new value).
                Waits.until(
                        RECOVERY,
                        "an expiry after the failover",
                        () -> load.tokensFirstSeen().size() >= 3
                                && load.tokensFirstSeen().values().stream().anyMatch(seen -> seen >= recoveredAt));
            }
            long calls = sandbox.calls(APP, TOKEN_PATH) - callsBefore;

            List<Outcome> outcomes = load.outcomes();
            String tally = load.tally().toString();
            LongSummaryStatistics failed = outcomes.stream()
                    .filter(o -> !o.ok())
                    .mapToLong(Outcome::atMillis)
                    .summaryStatistics();
            System.out.printf(
                    "[%s failover] the failover took %d ms; non-200 answers from %+d to %+d ms after the kill;"
                            + " both nodes served again %+d ms after it; answers %s; %d token values, %d WeChat calls%n",
                    topology,
                    failedOverAt - killedAt,
                    failed.getCount() == 0 ? 0 : failed.getMin() - killedAt,
                    failed.getCount() == 0 ? 0 : failed.getMax() - killedAt,
                    recoveredAt - killedAt,
                    tally,
                    load.tokensFirstSeen().size(),
                    calls);
            assertThat(load.unexpected())
                    .as("answers neither 200 nor 503 store_unavailable; " + tally)
                    .isEmpty();
            assertThat(load.wrongUsers()).as("/me answers naming another user").isEmpty();
            assertThat(outcomes.stream().filter(o -> o.status() == 500)).isEmpty();
            assertThat(outcomes.stream().filter(Outcome::storeUnavailable).filter(o -> o.atMillis() < killedAt))
                    .as("503s before the kill")
                    .isEmpty();
            assertThat(outcomes.stream().filter(Outcome::ok).filter(o -> o.atMillis() > recoveredAt))
                    .as("answers after the recovery")
                    .isNotEmpty();

            // One WeChat call per new value (each replaces an expired one): none for a value nobody saw. A refresh
            // whose
            // WeChat call lands just before the kill and whose store fails would be one more (wxgate does not keep
            // a token it could not store); a refresh takes milliseconds every 3 s, so that is rare.
            int expiries = load.tokensFirstSeen().size() - 1;
            assertThat(expiries).as("expiries during the load").isGreaterThanOrEqualTo(2);
            assertThat(calls)
                    .as("WeChat token calls for %d expiries; %s", expiries, tally)
                    .isLessThanOrEqualTo(expiries);

            // Every session made before the kill, on both nodes, once they serve again (no restart in between).
            List<Login> before = new ArrayList<>(existing);
            load.logins().stream().filter(l -> l.atMillis() < killedAt).forEach(before::add);
            List<Login> lost = lostSessions(nodes, before);
            assertThat(lost)
                    .as("sessions lost (of %d made before the kill)", before.size())
                    .allSatisfy(l -> assertThat(killedAt - l.atMillis())
                            .as("a lost session's login answered %d ms before the kill", killedAt - l.atMillis())
                            .isLessThanOrEqualTo(REPLICATION_WINDOW_MILLIS));
            assertThat(lost).as("sessions made before the load").doesNotContainAnyElementsOf(existing);
            System.out.printf(
                    "[%s failover] sessions made before the kill: %d, lost: %d%n",
                    topology, before.size(), lost.size());
            // Sessions made after the failover are all there too.
            List<Login> after = load.logins().stream()
                    .filter(l -> l.atMillis() >= recoveredAt)
                    .toList();
            assertThat(after).isNotEmpty();
            assertThat(lostSessions(nodes, after))
                    .as("sessions made after the failover")
                    .isEmpty();
        } finally {
            nodes.forEach(WxgateNode::close);
        }
    }

    /** Two nodes, started side by side (they race on the database's migrations and first admin, as a cluster does). */
    private static List<WxgateNode> startNodes(Map<String, Object> properties) throws Exception {
        List<Future<WxgateNode>> starting = new ArrayList<>();
        try (ExecutorService threads = Executors.newFixedThreadPool(2)) {
            for (int i = 0; i < 2; i++) {
                starting.add(threads.submit(() -> new WxgateNode(properties, CLIENT_KEY)));
            }
        }
        List<WxgateNode> nodes = new ArrayList<>();
        ExecutionException failed = null;
        for (Future<WxgateNode> node : starting) {
            try {
                nodes.add(node.get());
            } catch (ExecutionException notStarted) {
                failed = notStarted;
            }
        }
        if (failed != null) {
            nodes.forEach(WxgateNode::close);
            throw failed;
        }
        return List.copyOf(nodes);
    }

    /** Whether, since {@code since}, the last three answers of every kind on every node were 200s. */
    private static boolean servingSince(FailoverLoad load, long since, int nodes) {
        List<Outcome> outcomes = load.outcomes();
        for (Kind kind : Kind.values()) {
            for (int node = 0; node < nodes; node++) {
                int n = node;
                List<Outcome> recent = outcomes.stream()
                        .filter(o -> o.kind() == kind && o.node() == n && o.atMillis() >= since)
                        .sorted(Comparator.comparingLong(Outcome::atMillis))
                        .toList();
                if (recent.size() < 3
                        || !recent.subList(recent.size() - 3, recent.size()).stream()
                                .allMatch(Outcome::ok)) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * The sessions of {@code logins} that a node no longer knows (401), asked on both nodes until neither answers 503.
     */
    private static List<Login> lostSessions(List<WxgateNode> nodes, List<Login> logins) throws Exception {
        List<Login> lost = new ArrayList<>();
        try (ExecutorService threads = Executors.newFixedThreadPool(8)) {
            List<Future<Boolean>> known = new ArrayList<>();
            for (Login login : logins) {
                known.add(threads.submit(() -> knownEverywhere(nodes, login)));
            }
            for (int i = 0; i < logins.size(); i++) {
                if (!known.get(i).get()) {
                    lost.add(logins.get(i));
                }
            }
        }
        return lost;
    }

    private static boolean knownEverywhere(List<WxgateNode> nodes, Login login) {
        boolean known = true;
        for (WxgateNode node : nodes) {
            Http.Answer[] me = new Http.Answer[1];
            Waits.until(RECOVERY, "an answer other than 503", () -> {
                me[0] = Http.send("GET", node.baseUrl.resolve("/api/v1/me"), login.session(), null);
                return me[0].status() != 503;
            });
            if (me[0].status() == 200) {
                assertThat(me[0].text("openid")).isEqualTo(login.openid());
            } else {
                assertThat(me[0].status()).as(me[0].body()).isEqualTo(401);
                known = false;
            }
        }
        return known;
    }

    /** {@code count} users logged in, alternately on each node, a few at a time. */
    private static List<Login> logInMany(List<WxgateNode> nodes, int count) throws Exception {
        List<Future<Login>> made = new ArrayList<>();
        try (ExecutorService threads = Executors.newFixedThreadPool(8)) {
            for (int i = 0; i < count; i++) {
                int index = i;
                made.add(threads.submit(() -> {
                    String openid = "oBefore" + index;
                    WxgateNode node = nodes.get(index % nodes.size());
                    Http.Answer answer = FailoverLoad.logIn(node, sandbox.baseUrl, APP, openid);
                    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
                    return new Login(openid, answer.text("token"), index % nodes.size(), answer.arrivedAtMillis());
                }));
            }
            List<Login> logins = new ArrayList<>();
            for (Future<Login> login : made) {
                logins.add(login.get());
            }
            return logins;
        }
    }

    private static Map<String, Object> nodeProperties(Map<String, Object> redis) {
        Map<String, Object> properties = new LinkedHashMap<>(redis);
        properties.put("wxgate.store", "redis");
        properties.put("wxgate.redis.key-prefix", PREFIX);
        properties.put("wxgate.redis.probe-interval", "200ms");
        properties.put("wxgate.wechat.base-url", sandbox.baseUrl.toString());
        // Nodes of one cluster share a database (an embedded H2 per node is refused).
        DatabaseFixture database = DatabaseFixture.postgres();
        properties.put("spring.datasource.url", database.jdbcUrl());
        properties.put("spring.datasource.username", database.username());
        properties.put("spring.datasource.password", database.password());
        properties.put("wxgate.apps[0].app-id", APP);
        properties.put("wxgate.apps[0].secret", SECRET);
        properties.put("wxgate.apps[0].type", "mini-program");
        properties.put("wxgate.apps[0].token-mode", "classic");
        properties.put("wxgate.clients[0].id", "failover-test");
        properties.put("wxgate.clients[0].key-sha256", sha256(CLIENT_KEY));
        properties.put("wxgate.clients[0].apps", "*");
        properties.put("wxgate.login.per-client-ip", "1000000");
        // Callers meet each expiry themselves (no refresh ahead, no scheduler), on both nodes at once.
        properties.put("wxgate.token.refresh-margin", "0s");
        properties.put("wxgate.token.check-interval", "1h");
        properties.put("wxgate.token.lock-lease", "2s");
        properties.put("wxgate.token.near-cache-ttl", "200ms");
        return properties;
    }

    private static String sha256(String key) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
