package dev.wxgate.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wxgate.consumers.Nginx;
import dev.wxgate.testfixtures.DatabaseFixture;
import dev.wxgate.testfixtures.RedisFixture;
import dev.wxgate.token.StandaloneSandbox;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.json.JsonMapper;

/**
 * What {@code deploy/compose.yaml} runs, as local processes (no Docker here): two wxgate JVMs configured by the
 * compose file's environment variables, on the local Redis (a key prefix of their own) and a PostgreSQL database this
 * test creates and drops, one standalone WeChat sandbox, and Debian's nginx with {@code deploy/nginx.conf} in front.
 * Every request goes through nginx. The node is stopped last, with SIGTERM, as {@code docker stop} does.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DeployTopologyTest {
    private static final String MINI_PROGRAM = "wxa1b2c3d4e5f60001";
    private static final String ADMIN_PASSWORD = "deploy-topology-admin-password";
    private static final int LOGINS_PER_CLIENT = 5;

    /** Set here for the local processes only: where a node listens, and a small login limit to count against. */
    private static final Set<String> TEST_ONLY = Set.of("SERVER_ADDRESS", "WXGATE_LOGIN_PERCLIENTIP");

    /** Set in the env file for the containers that need them: the PostgreSQL image's, and the local Redis has none. */
    private static final Set<String> CONTAINERS_ONLY = Set.of("POSTGRES_PASSWORD", "SPRING_DATA_REDIS_PASSWORD");

    private final List<WxgateProcess> nodes = new ArrayList<>();
    private final Map<String, String> nodeEnvironment = new TreeMap<>();
    private final Map<String, String> nginxEnvironment = new TreeMap<>();
    private StandaloneSandbox sandbox;
    private String database;
    private Nginx nginx;
    private ThroughNginx client;

    @BeforeAll
    void startTheCluster() throws Exception {
        Nginx.binary(); // before anything starts: skipped locally, failed in CI, when nginx is missing
        sandbox = new StandaloneSandbox(Map.of());
        DatabaseFixture postgres = DatabaseFixture.postgres();
        database =
                "wxgate_deploy_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection connection = postgres.connect();
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + database);
        }
        RedisFixture redis = RedisFixture.get();

        // compose.yaml's names; the values of this machine.
        nodeEnvironment.put("WXGATE_STORE", "redis");
        nodeEnvironment.put("WXGATE_REDIS_KEYPREFIX", redis.keyPrefix() + "deploy-" + UUID.randomUUID() + ":");
        nodeEnvironment.put("SPRING_DATA_REDIS_HOST", redis.host());
        nodeEnvironment.put("SPRING_DATA_REDIS_PORT", Integer.toString(redis.port()));
        nodeEnvironment.put(
                "SPRING_DATASOURCE_URL", postgres.jdbcUrl().replace("/" + postgres.databaseName(), "/" + database));
        nodeEnvironment.put("SPRING_DATASOURCE_USERNAME", postgres.username());
        nodeEnvironment.put("SPRING_DATASOURCE_PASSWORD", postgres.password() == null ? "" : postgres.password());
        nodeEnvironment.put("SERVER_FORWARDHEADERSSTRATEGY", "native");
        // the env file's
        nodeEnvironment.put("WXGATE_SESSIONS_SERVERKEY", "ZGVwbG95LXRvcG9sb2d5LXRlc3Qtc2VydmVyLWtleSE=");
        nodeEnvironment.put("WXGATE_ADMIN_PASSWORD", ADMIN_PASSWORD);
        nodeEnvironment.put("WXGATE_WECHAT_BASEURL", sandbox.baseUrl.toString());
        nodeEnvironment.put("WXGATE_APPS_0_APPID", MINI_PROGRAM);
        nodeEnvironment.put("WXGATE_APPS_0_SECRET", "5a4d0b0c1e2f3a4b5c6d7e8f90a10001");
        nodeEnvironment.put("WXGATE_APPS_0_TYPE", "mini-program");
        // this test's
        nodeEnvironment.put("SERVER_ADDRESS", "127.0.0.1");
        nodeEnvironment.put("WXGATE_LOGIN_PERCLIENTIP", Integer.toString(LOGINS_PER_CLIENT));

        for (String name : List.of("wxgate-1", "wxgate-2")) {
            nodes.add(WxgateProcess.start(name, Nginx.freePort(), nodeEnvironment));
        }
        for (WxgateProcess node : nodes) {
            node.awaitReady();
        }
        nginx = Nginx.startHttp("deploy-topology", port -> {
            nginxEnvironment.put("WXGATE_NODE_1", "127.0.0.1:" + nodes.get(0).port);
            nginxEnvironment.put("WXGATE_NODE_2", "127.0.0.1:" + nodes.get(1).port);
            nginxEnvironment.put("WXGATE_LISTEN", "127.0.0.1:" + port);
            try {
                return DeployFiles.nginxConf(nginxEnvironment);
            } catch (IOException unreadable) {
                throw new UncheckedIOException(unreadable);
            }
        });
        client = new ThroughNginx(nginx.port, sandbox.baseUrl);
    }

    @AfterAll
    void stopTheCluster() throws Exception {
        if (nginx != null) {
            nginx.close();
        }
        for (WxgateProcess node : nodes) {
            node.close();
        }
        if (sandbox != null) {
            sandbox.close();
        }
        if (database != null) {
            try (Connection connection = DatabaseFixture.postgres().connect();
                    Statement statement = connection.createStatement()) {
                statement.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            }
        }
    }

    @Test
    @Order(1)
    void theComposeFileAndThisTestConfigureTheSameVariables() throws IOException {
        Map<String, String> first = DeployFiles.composeEnvironment("wxgate-1");
        assertThat(DeployFiles.composeEnvironment("wxgate-2")).isEqualTo(first);

        Set<String> composeNames = new HashSet<>(first.keySet());
        composeNames.addAll(DeployFiles.envFileVariables());
        composeNames.removeAll(CONTAINERS_ONLY);
        Set<String> testNames = new HashSet<>(nodeEnvironment.keySet());
        testNames.removeAll(TEST_ONLY);
        assertThat(testNames).as("the nodes' variables here and in deploy/").isEqualTo(composeNames);
        assertThat(first)
                .containsEntry("WXGATE_STORE", "redis")
                .containsEntry("SERVER_FORWARDHEADERSSTRATEGY", "native");

        assertThat(DeployFiles.composeEnvironment("nginx").keySet())
                .as("what compose.yaml gives nginx's template, and what this test substitutes")
                .isEqualTo(DeployFiles.nginxPlaceholders())
                .isEqualTo(nginxEnvironment.keySet());
    }

    @Test
    @Order(2)
    void bothNodesServeThroughNginxAndASessionWorksWhicheverAnswers() {
        Map<String, Integer> readyByNode = new TreeMap<>();
        for (int i = 0; i < 10; i++) {
            ThroughNginx.Answer ready = client.get("/actuator/health/readiness", null);
            assertThat(ready.status()).as(ready.body()).isEqualTo(200);
            readyByNode.merge(ready.servedBy(), 1, Integer::sum);
        }
        assertThat(readyByNode).as("readiness through nginx, by node").hasSize(2);

        ThroughNginx.LoggedIn user = client.logIn(client.http(), "oDeployUser");
        Map<String, Integer> byNode = new TreeMap<>();
        Map<Integer, Integer> byStatus = new TreeMap<>();
        for (int i = 0; i < 100; i++) {
            ThroughNginx.Answer me = client.get("/api/v1/me", user.token());
            byStatus.merge(me.status(), 1, Integer::sum);
            byNode.merge(me.servedBy(), 1, Integer::sum);
            if (me.status() == 200) {
                assertThat(me.body()).contains("\"openid\":\"oDeployUser\"");
            }
        }
        assertThat(byStatus).as("/api/v1/me through nginx, by status").isEqualTo(Map.of(200, 100));
        assertThat(byNode).as("/api/v1/me through nginx, by node").hasSize(2);
        assertThat(byNode.values()).as("round robin").allSatisfy(count -> assertThat(count)
                .isGreaterThanOrEqualTo(30));
    }

    @Test
    @Order(3)
    void wxgateBuildsItsLinksWithTheSchemeHostAndPortClientsUse() {
        // The OpenAPI document names the server as the request reached it: nginx's address, not the node's.
        for (int i = 0; i < 2; i++) {
            ThroughNginx.Answer apiDocs = client.get("/v3/api-docs", null);
            assertThat(apiDocs.status()).as(apiDocs.body()).isEqualTo(200);
            assertThat(JsonMapper.builder()
                            .build()
                            .readTree(apiDocs.body())
                            .path("servers")
                            .path(0)
                            .path("url")
                            .asString())
                    .as("the server URL that " + apiDocs.servedBy() + " gives")
                    .isEqualTo("http://127.0.0.1:" + nginx.port);
        }
    }

    @Test
    @Order(4)
    void loginsAreCountedAgainstTheRealClientAddressWhichAClientCannotForge() {
        // Without forwarding every client would share nginx's 127.0.0.1; with X-Forwarded-For appended to (not set),
        // a client could name a new address on each request.
        var first = client.http("127.0.0.2");
        Map<Integer, Integer> statuses = new TreeMap<>();
        for (int i = 0; i <= LOGINS_PER_CLIENT; i++) {
            statuses.merge(client.logInStatus(first, "oForged" + i, "198.51.100." + (i + 1)), 1, Integer::sum);
        }
        assertThat(statuses)
                .as("logins from 127.0.0.2, each claiming another X-Forwarded-For")
                .isEqualTo(Map.of(200, LOGINS_PER_CLIENT, 429, 1));
        assertThat(client.logInStatus(client.http("127.0.0.3"), "oOtherClient", null))
                .as("another client, behind the same nginx, has its own limit")
                .isEqualTo(200);
    }

    @Test
    @Order(5)
    void anOperatorSignedInThroughNginxStaysSignedInWhicheverNodeAnswers() {
        ThroughNginx.Console console = client.signInToConsole("admin", ADMIN_PASSWORD);
        List<String> pages =
                List.of("/console", "/console/sessions", "/console/users", "/console/audit", "/console/account");
        Map<Integer, Integer> byStatus = new TreeMap<>();
        Map<String, Integer> byNode = new TreeMap<>();
        for (int i = 0; i < 20; i++) {
            ThroughNginx.Answer page = console.get(pages.get(i % pages.size()));
            byStatus.merge(page.status(), 1, Integer::sum);
            byNode.merge(page.servedBy(), 1, Integer::sum);
        }
        assertThat(byStatus).as("console pages through nginx, by status").isEqualTo(Map.of(200, 20));
        assertThat(byNode).as("console pages through nginx, by node").hasSize(2);
    }

    @Test
    @Order(6)
    void aNodeStoppedWhileRequestsFlowShutsDownGracefullyAndNginxFailsOverWithoutAnError() throws Exception {
        ThroughNginx.LoggedIn user = client.logIn(client.http(), "oFailover");
        WxgateProcess stopped = nodes.get(1);
        String stoppedAddress = "127.0.0.1:" + stopped.port;

        ConcurrentMap<Integer, LongAdder> byStatus = new ConcurrentHashMap<>();
        LongAdder failures = new LongAdder();
        LongAdder stoppedNodeAfterExit = new LongAdder();
        AtomicBoolean exited = new AtomicBoolean();
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger afterExit = new AtomicInteger();
        CountDownLatch warmedUp = new CountDownLatch(100);
        CountDownLatch servedAfterExit = new CountDownLatch(100);
        List<Thread> workers = new ArrayList<>();
        for (int w = 0; w < 4; w++) {
            workers.add(Thread.ofVirtual().start(() -> {
                while (running.get()) {
                    boolean sentAfterExit = exited.get();
                    try {
                        ThroughNginx.Answer me = client.send("/api/v1/me", user.token());
                        byStatus.computeIfAbsent(me.status(), status -> new LongAdder())
                                .increment();
                        if (sentAfterExit) {
                            afterExit.incrementAndGet();
                            if (me.servedBy().equals(stoppedAddress)) {
                                stoppedNodeAfterExit.increment();
                            }
                            servedAfterExit.countDown();
                        }
                    } catch (IOException | RuntimeException failed) {
                        failures.increment();
                    } catch (InterruptedException interrupted) {
                        return;
                    }
                    warmedUp.countDown();
                }
            }));
        }
        try {
            assertThat(warmedUp.await(60, TimeUnit.SECONDS)).isTrue();
            stopped.terminate();
            // spring.lifecycle.timeout-per-shutdown-phase is 30 s; compose.yaml's stop_grace_period 40 s.
            OptionalInt exitCode = stopped.awaitExit(40);
            exited.set(true);
            assertThat(exitCode).as(stopped.log()).isPresent();
            // 128 + SIGTERM: how a JVM ends after a SIGTERM once its shutdown hooks ran (Docker counts it as stopped).
            assertThat(exitCode.getAsInt()).as(stopped.log()).isEqualTo(143);
            assertThat(stopped.log()).contains("Graceful shutdown complete");
            assertThat(servedAfterExit.await(60, TimeUnit.SECONDS)).isTrue();
        } finally {
            running.set(false);
            for (Thread worker : workers) {
                worker.join(TimeUnit.SECONDS.toMillis(30));
            }
        }
        Map<Integer, Long> statuses = new TreeMap<>();
        byStatus.forEach((status, count) -> statuses.put(status, count.sum()));
        assertThat(failures.sum()).as("requests nginx did not answer").isZero();
        assertThat(statuses.keySet())
                .as("statuses while a node stopped: " + statuses)
                .containsExactly(200);
        assertThat(afterExit.get()).isGreaterThanOrEqualTo(100);
        assertThat(stoppedNodeAfterExit.sum())
                .as("answers from the stopped node after it exited")
                .isZero();
        assertThat(nginx.logs()).doesNotContain("[emerg]");
    }
}
