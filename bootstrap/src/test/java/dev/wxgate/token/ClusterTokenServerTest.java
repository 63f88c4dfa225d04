package dev.wxgate.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.wxgate.application.token.TokenStatus;
import dev.wxgate.testfixtures.DatabaseFixture;
import dev.wxgate.testfixtures.RedisFixture;
import dev.wxgate.testfixtures.TcpProxy;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.redisson.config.ConstantDelay;
import org.redisson.spring.starter.RedissonAutoConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The access_token server as a cluster: three wxgate nodes (each a whole application context on its own port) on one
 * Redis, in front of the standalone WeChat sandbox, which counts every token call. Each scenario uses an app of its
 * own, so the counts of one never leak into another. Tokens live seconds, so expiries happen within the test.
 */
class ClusterTokenServerTest {
    private static final String CLIENT_KEY = "cluster-test-key-" + UUID.randomUUID();
    private static final String TOKEN_PATH = "/cgi-bin/token";
    private static final String STABLE_PATH = "/cgi-bin/stable_token";

    /** (a): a classic app whose tokens live 6 s. */
    private static final String EXPIRING = "wx00000000000a0001";
    /** (b): a classic app, long-lived tokens. */
    private static final String REPORTED = "wx00000000000b0001";
    /** (c): a classic app, long-lived tokens. */
    private static final String ORPHANED = "wx00000000000c0001";
    /** (d): a stable app whose tokens live 6 s. */
    private static final String OUTAGE = "wx00000000000d0001";

    private static StandaloneSandbox sandbox;
    private static Map<String, Object> nodeProperties;
    private static List<WxgateNode> nodes;

    @BeforeAll
    static void startCluster() {
        Map<String, Object> sandboxApps = new LinkedHashMap<>();
        Map<String, Object> wxgate = new LinkedHashMap<>();
        String[][] apps = {
            {EXPIRING, "classic", "6"},
            {REPORTED, "classic", "7200"},
            {ORPHANED, "classic", "7200"},
            {OUTAGE, "stable", "6"}
        };
        for (int i = 0; i < apps.length; i++) {
            String secret = "5ec7e7" + apps[i][0].substring(2) + "0000000000";
            sandboxApps.put("wxgate.sandbox.apps[" + i + "].app-id", apps[i][0]);
            sandboxApps.put("wxgate.sandbox.apps[" + i + "].secret", secret);
            sandboxApps.put("wxgate.sandbox.apps[" + i + "].token-expires-in", apps[i][2]);
            wxgate.put("wxgate.apps[" + i + "].app-id", apps[i][0]);
            wxgate.put("wxgate.apps[" + i + "].secret", secret);
            wxgate.put("wxgate.apps[" + i + "].token-mode", apps[i][1]);
        }
        sandbox = new StandaloneSandbox(sandboxApps);

        RedisFixture redis = RedisFixture.get();
        wxgate.put("wxgate.store", "redis");
        wxgate.put("spring.data.redis.host", redis.host());
        wxgate.put("spring.data.redis.port", Integer.toString(redis.port()));
        wxgate.put("wxgate.redis.key-prefix", redis.keyPrefix() + "cluster-" + UUID.randomUUID() + ":");
        wxgate.put("wxgate.wechat.base-url", sandbox.baseUrl.toString());
        // One database for every node, as the README's cluster checklist asks (an embedded H2 per node is refused).
        DatabaseFixture database = DatabaseFixture.postgres();
        wxgate.put("spring.datasource.url", database.jdbcUrl());
        wxgate.put("spring.datasource.username", database.username());
        wxgate.put("spring.datasource.password", database.password());
        wxgate.put("wxgate.clients[0].id", "cluster-test");
        wxgate.put("wxgate.clients[0].key-sha256", sha256(CLIENT_KEY));
        wxgate.put("wxgate.clients[0].apps", "*");
        // Refresh only when a token is about to expire, and no scheduler: the callers meet the expiry themselves.
        wxgate.put("wxgate.token.refresh-margin", "0s");
        wxgate.put("wxgate.token.check-interval", "1h");
        wxgate.put("wxgate.token.lock-lease", "2s");
        nodeProperties = wxgate;
        nodes = List.of(
                new WxgateNode(nodeProperties, CLIENT_KEY),
                new WxgateNode(nodeProperties, CLIENT_KEY),
                new WxgateNode(nodeProperties, CLIENT_KEY));
    }

    @AfterAll
    static void stopCluster() {
        if (nodes != null) {
            nodes.forEach(WxgateNode::close);
        }
        if (sandbox != null) {
            sandbox.close();
        }
    }

    @AfterEach
    void clearFaults() {
        sandbox.clearFaults();
    }

    @Test
    void threeHundredCallersOnThreeNodesAcrossAnExpiryCauseOneTokenCall() throws Exception {
        Http.Answer first = nodes.get(0).token(EXPIRING);
        assertThat(first.status()).isEqualTo(200);
        String expired = first.text("accessToken");
        long callsBefore = sandbox.calls(EXPIRING, TOKEN_PATH);
        // The moment the token stops being handed out (it expires just after): everyone arrives then.
        TokenStatus.Stored before = nodes.get(0).status(EXPIRING).token().orElseThrow();
        Instant unusableAt = before.refreshAt();

        List<Http.Answer> answers = concurrently(
                300, unusableAt.plusMillis(20), i -> nodes.get(i % 3).token(EXPIRING));

        Set<String> served = new HashSet<>();
        for (Http.Answer answer : answers) {
            assertThat(answer.status()).as(answer.body()).isEqualTo(200);
            served.add(answer.text("accessToken"));
        }
        assertThat(served).singleElement().isNotEqualTo(expired);
        assertThat(sandbox.calls(EXPIRING, TOKEN_PATH) - callsBefore)
                .as("token calls for the refresh")
                .isEqualTo(1);
        assertThat(sandbox.accepts(served.iterator().next())).isTrue();
        assertThat(nodes.get(2).status(EXPIRING).token().orElseThrow().version())
                .isEqualTo(before.version() + 1);
    }

    @Test
    void everyTokenServedAcrossAnExpiryIsOneWechatAccepts() throws Exception {
        String token = nodes.get(1).token(EXPIRING).text("accessToken");
        Instant unusableAt = nodes.get(1).status(EXPIRING).token().orElseThrow().refreshAt();
        long callsBefore = sandbox.calls(EXPIRING, TOKEN_PATH);

        // 60 callers, each checking its token with WeChat right away, starting just before the expiry.
        List<Boolean> accepted = concurrently(60, unusableAt.minusMillis(300), i -> {
            Http.Answer answer = nodes.get(i % 3).token(EXPIRING);
            return answer.status() == 200 && sandbox.accepts(answer.text("accessToken"));
        });

        assertThat(accepted).containsOnly(true);
        assertThat(token).isNotBlank();
        assertThat(sandbox.calls(EXPIRING, TOKEN_PATH) - callsBefore).isLessThanOrEqualTo(1);
    }

    @Test
    void aHundredReportsOfOneTokenOnThreeNodesCauseOneRefresh() throws Exception {
        String bad = nodes.get(0).token(REPORTED).text("accessToken");
        long callsBefore = sandbox.calls(REPORTED, TOKEN_PATH);

        List<Http.Answer> answers =
                concurrently(100, Instant.now(), i -> nodes.get(i % 3).reportInvalid(REPORTED, bad));

        Set<String> served = new HashSet<>();
        for (Http.Answer answer : answers) {
            assertThat(answer.status()).as(answer.body()).isEqualTo(200);
            served.add(answer.text("accessToken"));
        }
        assertThat(served).singleElement().isNotEqualTo(bad);
        assertThat(sandbox.calls(REPORTED, TOKEN_PATH) - callsBefore).isEqualTo(1);
        assertThat(sandbox.accepts(served.iterator().next())).isTrue();
        // A late report of the old token is answered with the new one, without a refresh.
        assertThat(nodes.get(2).reportInvalid(REPORTED, bad).text("accessToken"))
                .isEqualTo(served.iterator().next());
        assertThat(sandbox.calls(REPORTED, TOKEN_PATH) - callsBefore).isEqualTo(1);
    }

    @Test
    void whenTheNodeHoldingTheLockDiesMidRefreshAnotherCompletesItAfterTheLease() throws Exception {
        String bad = nodes.get(0).token(ORPHANED).text("accessToken");
        long callsBefore = sandbox.calls(ORPHANED, TOKEN_PATH);
        WxgateNode doomed = new WxgateNode(nodeProperties, CLIENT_KEY);
        sandbox.fault(TOKEN_PATH, "{\"latencyMillis\": 4000}");
        try (ExecutorService background = Executors.newVirtualThreadPerTaskExecutor()) {
            background.submit(() -> doomed.reportInvalid(ORPHANED, bad));
            // The doomed node holds the lock and is inside WeChat's (slow) token call.
            await().atMost(Duration.ofSeconds(10)).until(() -> sandbox.calls(ORPHANED, TOKEN_PATH) == callsBefore + 1);
            assertThat(RedisFixture.get()
                            .command(
                                    "EXISTS",
                                    nodeProperties.get("wxgate.redis.key-prefix") + "{wxgate:token:" + ORPHANED
                                            + "}:lock"))
                    .isEqualTo(":1");

            doomed.kill();
            sandbox.clearFaults();

            Http.Answer answer = nodes.get(0).reportInvalid(ORPHANED, bad);

            assertThat(answer.status()).as(answer.body()).isEqualTo(200);
            String replaced = answer.text("accessToken");
            assertThat(replaced).isNotEqualTo(bad);
            assertThat(sandbox.accepts(replaced)).isTrue();
            assertThat(sandbox.calls(ORPHANED, TOKEN_PATH) - callsBefore)
                    .as("the dead node's call and the survivor's")
                    .isEqualTo(2);
            TokenStatus.Stored stored = nodes.get(1).status(ORPHANED).token().orElseThrow();
            assertThat(stored.version()).isEqualTo(2);
            assertThat(nodes.get(2).token(ORPHANED).text("accessToken")).isEqualTo(replaced);
        } finally {
            doomed.close();
        }
    }

    @Test
    void duringAWechatOutageTheCachedTokenIsServedUntilItExpiresThen503() {
        Http.Answer first = nodes.get(1).token(OUTAGE);
        assertThat(first.status()).isEqualTo(200);
        String cached = first.text("accessToken");
        Instant unusableAt = nodes.get(1).status(OUTAGE).token().orElseThrow().refreshAt();
        sandbox.fault(STABLE_PATH, "{\"outage\": true}");
        long callsAtOutage = sandbox.calls(OUTAGE, STABLE_PATH);

        List<Http.Answer> answers = new ArrayList<>();
        int node = 0;
        Http.Answer answer;
        do {
            answer = nodes.get(node++ % 3).token(OUTAGE);
            answers.add(answer);
            sleep(100);
        } while (answer.status() == 200 && answers.size() < 200);

        List<Http.Answer> served = answers.subList(0, answers.size() - 1);
        assertThat(served).isNotEmpty().allSatisfy(ok -> {
            assertThat(ok.status()).isEqualTo(200);
            assertThat(ok.text("accessToken")).isEqualTo(cached);
        });
        assertThat(answer.status()).isEqualTo(503);
        assertThat(answer.text("error")).isEqualTo("token_unavailable");
        assertThat(answer.text("message")).contains("app " + OUTAGE, "upstream_unavailable");
        assertThat(answer.arrivedAtMillis())
                .as("no 503 while the cached token was valid")
                .isGreaterThanOrEqualTo(unusableAt.toEpochMilli());
        assertThat(sandbox.calls(OUTAGE, STABLE_PATH) - callsAtOutage)
                .as("an outage is not hammered")
                .isLessThan(20);

        sandbox.clearFaults();
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> {
                    Http.Answer recovered = nodes.get(2).token(OUTAGE);
                    assertThat(recovered.status()).isEqualTo(200);
                    assertThat(recovered.text("accessToken")).isNotEqualTo(cached);
                });
    }

    @Test
    void whileRedisIsUnreachableANodeServesTheTokensItHasAnd503StoreUnavailableForOthersAndRecoversWithoutARestart()
            throws Exception {
        RedisFixture redis = RedisFixture.get();
        try (TcpProxy proxy = new TcpProxy(redis.host(), redis.port())) {
            Map<String, Object> behindProxy = new LinkedHashMap<>(nodeProperties);
            behindProxy.put("spring.data.redis.port", Integer.toString(proxy.port()));
            behindProxy.put("wxgate.token.near-cache-ttl", "200ms");
            try (WxgateNode node = new WxgateNode(behindProxy, CLIENT_KEY, FastFailingRedis.class)) {
                String cached = node.token(REPORTED).text("accessToken");
                assertThat(cached).isEqualTo(nodes.get(0).token(REPORTED).text("accessToken"));

                proxy.cut();

                // A token this node never read: nothing to serve.
                await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
                    Http.Answer down = node.token(ORPHANED);
                    assertThat(down.status()).isEqualTo(503);
                    assertThat(down.text("error")).isEqualTo("store_unavailable");
                    assertThat(down.text("message")).contains("Redis");
                });
                // The one it read is still valid for hours: served from the near cache, long past its 200 ms.
                Http.Answer stillServed = node.token(REPORTED);
                assertThat(stillServed.status()).as(stillServed.body()).isEqualTo(200);
                assertThat(stillServed.text("accessToken")).isEqualTo(cached);

                proxy.restore();

                await().atMost(Duration.ofSeconds(15))
                        .untilAsserted(
                                () -> assertThat(node.token(REPORTED).status()).isEqualTo(200));
                assertThat(node.token(REPORTED).text("accessToken"))
                        .isEqualTo(nodes.get(1).token(REPORTED).text("accessToken"));
            }
        }
    }

    /** Redisson that gives up on an unreachable Redis within a second instead of retrying for many. */
    @Configuration(proxyBeanMethods = false)
    static class FastFailingRedis {
        @Bean
        RedissonAutoConfigurationCustomizer failFast() {
            return config -> config.useSingleServer()
                    .setTimeout(500)
                    .setConnectTimeout(500)
                    .setRetryAttempts(1)
                    .setRetryDelay(new ConstantDelay(Duration.ofMillis(100)))
                    .setReconnectionDelay(new ConstantDelay(Duration.ofMillis(100)));
        }
    }

    // ---------------------------------------------------------------- helpers

    /** Runs {@code calls} callers at once, released together at {@code at}; their results in order. */
    private static <T> List<T> concurrently(int calls, Instant at, IntFunction<T> call) throws Exception {
        CountDownLatch ready = new CountDownLatch(calls);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<T>> futures = new ArrayList<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < calls; i++) {
                int index = i;
                futures.add(threads.submit(() -> {
                    ready.countDown();
                    go.await();
                    return call.apply(index);
                }));
            }
            ready.await();
            long wait = at.toEpochMilli() - System.currentTimeMillis();
            if (wait > 0) {
                Thread.sleep(wait);
            }
            go.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get());
            }
            return results;
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(interrupted);
        }
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
