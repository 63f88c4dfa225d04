package dev.wxgate.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.wxgate.bootstrap.WxgateApplication;
import dev.wxgate.testfixtures.DatabaseFixture;
import dev.wxgate.testfixtures.RedisFixture;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A node that is stopped while a request is in flight: readiness goes to REFUSING_TRAFFIC first, while the node still
 * takes connections and before its context is closed, and the request completes with 200. The slow request is one to
 * the built-in sandbox's WeChat API with injected latency, served by the node's own web server.
 */
class GracefulShutdownTest {
    private static final String SANDBOX_APP = "wxa1b2c3d4e5f60001";
    private static final String TOKEN = "/cgi-bin/token";
    /** Where the tests block: a thread each, never the JDK's common pool, which the node's HTTP clients use. */
    private static final Executor OWN_THREADS =
            task -> Thread.ofPlatform().daemon().start(task);

    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicInteger port = new AtomicInteger();
    /** What held when readiness went to REFUSING_TRAFFIC, once per time it did. */
    private final List<String> whenRefusing = new CopyOnWriteArrayList<>();

    private final ApplicationListener<AvailabilityChangeEvent<?>> readiness = event -> {
        if (event.getState() == ReadinessState.REFUSING_TRAFFIC) {
            whenRefusing.add("closed=" + closed.get() + ", accepting=" + accepting(port.get()));
        }
    };

    @Test
    void aStoppedNodeRefusesTrafficFirstAndFinishesTheRequestInFlight() throws Exception {
        ConfigurableApplicationContext node = start();
        try {
            port.set(Integer.parseInt(node.getEnvironment().getRequiredProperty("local.server.port")));
            URI base = URI.create("http://127.0.0.1:" + port.get());
            Http.Answer fault =
                    Http.send("PUT", base.resolve("/_sandbox/faults" + TOKEN), null, "{\"latencyMillis\":3000}");
            assertThat(fault.status()).as(fault.body()).isEqualTo(200);

            CompletableFuture<Http.Answer> inFlight = CompletableFuture.supplyAsync(
                    () -> Http.send(
                            "GET",
                            base.resolve("/_sandbox/wechat" + TOKEN + "?grant_type=client_credential&appid="
                                    + SANDBOX_APP + "&secret=not-the-secret"),
                            null,
                            null),
                    OWN_THREADS);
            // The sandbox has the call (it counts it before its latency) and is waiting it out.
            await().atMost(Duration.ofSeconds(10))
                    .pollInterval(Duration.ofMillis(20))
                    .until(() -> calls(base) == 1);

            CompletableFuture<Void> stopping = CompletableFuture.runAsync(
                    () -> {
                        node.close();
                        closed.set(true);
                    },
                    OWN_THREADS);

            Http.Answer answer = inFlight.get(60, TimeUnit.SECONDS);
            stopping.get(60, TimeUnit.SECONDS);
            assertThat(answer.status()).as(answer.body()).isEqualTo(200);
            assertThat(answer.json().path("errcode").asInt()).as(answer.body()).isNotZero();
            assertThat(whenRefusing)
                    .as("readiness went to REFUSING_TRAFFIC once, before the close ended, while connections were taken")
                    .containsExactly("closed=false, accepting=true");
            assertThat(accepting(port.get()))
                    .as("no connection taken after the stop")
                    .isFalse();
        } finally {
            if (node.isActive()) {
                node.close();
            }
        }
    }

    /**
     * A token refresh under way when the node is stopped holds the app's cluster lock: the stop lets it finish, so the
     * token is stored and the lock released before the node is gone, not left to its lease for another node to wait
     * out, and the backend waiting on it gets the token. WeChat is a standalone sandbox here, as it is remote in
     * production.
     */
    @Test
    void aRefreshUnderWayWhenTheNodeStopsFinishesAndReleasesItsClusterLock() throws Exception {
        String app = "wx5107005107005107";
        String secret = "5ec7e7" + app.substring(2) + "0000000000";
        String prefix = RedisFixture.get().freshPrefix();
        try (StandaloneSandbox wechat = new StandaloneSandbox(
                Map.of("wxgate.sandbox.apps[0].app-id", app, "wxgate.sandbox.apps[0].secret", secret))) {
            ConfigurableApplicationContext node = start(
                    prefix,
                    "--wxgate.wechat.base-url=" + wechat.baseUrl,
                    "--wxgate.apps[0].app-id=" + app,
                    "--wxgate.apps[0].secret=" + secret,
                    "--wxgate.apps[0].token-mode=classic",
                    "--wxgate.clients[0].id=orders",
                    "--wxgate.clients[0].key-sha256=" + EmbeddedTokenServerTest.KEY_SHA256,
                    "--wxgate.clients[0].apps=" + app);
            try {
                URI base = URI.create(
                        "http://127.0.0.1:" + node.getEnvironment().getRequiredProperty("local.server.port"));
                wechat.fault(TOKEN, "{\"latencyMillis\":3000}");
                // The test's own threads: its blocking calls on the JDK's common pool (one thread on two cores) held
                // up the HTTP client's answer to the refresh until they returned, which looked like a stalled stop.
                CompletableFuture<Http.Answer> read = CompletableFuture.supplyAsync(
                        () -> Http.send(
                                "GET",
                                base.resolve("/internal/v1/apps/" + app + "/access-token"),
                                EmbeddedTokenServerTest.KEY,
                                null),
                        OWN_THREADS);
                await().atMost(Duration.ofSeconds(10))
                        .pollInterval(Duration.ofMillis(20))
                        .until(() -> wechat.calls(app, TOKEN) == 1);
                String lock = prefix + "{wxgate:token:" + app + "}:lock";
                assertThat(RedisFixture.get().command("EXISTS", lock))
                        .as("the refresh holds the lock")
                        .isEqualTo(":1");

                CompletableFuture<Void> stopping = CompletableFuture.runAsync(node::close, OWN_THREADS);
                Http.Answer answer = read.get(60, TimeUnit.SECONDS);
                stopping.get(60, TimeUnit.SECONDS);

                assertThat(answer.status()).as(answer.body()).isEqualTo(200);
                assertThat(wechat.accepts(answer.json().path("accessToken").asString()))
                        .isTrue();
                assertThat(RedisFixture.get().command("EXISTS", lock))
                        .as("the lock was released")
                        .isEqualTo(":0");
                assertThat(RedisFixture.get().command("EXISTS", prefix + "{wxgate:token:" + app + "}:state"))
                        .as("the refreshed token was stored")
                        .isEqualTo(":1");
            } finally {
                if (node.isActive()) {
                    node.close();
                }
            }
        }
    }

    private ConfigurableApplicationContext start() {
        return start(RedisFixture.get().freshPrefix());
    }

    private ConfigurableApplicationContext start(String prefix, String... more) {
        RedisFixture redis = RedisFixture.get();
        DatabaseFixture postgres = DatabaseFixture.postgres();
        List<String> arguments = new java.util.ArrayList<>(List.of(
                "--server.port=0",
                "--server.address=127.0.0.1",
                "--server.shutdown=graceful",
                "--wxgate.store=redis",
                "--spring.data.redis.url=" + redis.url(),
                "--wxgate.redis.key-prefix=" + prefix,
                "--spring.datasource.url=" + postgres.jdbcUrl(),
                "--spring.datasource.username=" + postgres.username(),
                "--spring.datasource.password=" + postgres.password(),
                "--wxgate.sandbox.allow-in-cluster=true",
                "--wxgate.token.check-interval=1h"));
        arguments.addAll(List.of(more));
        return new SpringApplicationBuilder(WxgateApplication.class)
                .profiles("test")
                .listeners(readiness)
                .run(arguments.toArray(String[]::new));
    }

    private static long calls(URI base) {
        return Http.send("GET", base.resolve("/_sandbox/stats"), null, null)
                .json()
                .path("apps")
                .path(SANDBOX_APP)
                .path(TOKEN)
                .asLong(0);
    }

    private static boolean accepting(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            return true;
        } catch (IOException refused) {
            return false;
        }
    }
}
