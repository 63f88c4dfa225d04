package dev.wxgate.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.wxgate.testfixtures.DatabaseFixture;
import dev.wxgate.testfixtures.RedisServerProcess;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Redis dies under a running wxgate node and comes back: a redis-server of the test's own (killed with SIGKILL, then
 * started again, empty, on the same port), users in PostgreSQL, WeChat played by the embedded sandbox. While Redis is
 * down, calls that need it answer 503 at once (the breaker counts the calls it refused without trying), the node says
 * it is not ready, and the access_token it had read is still served; once Redis answers again, everything works without
 * a restart.
 */
class RedisOutageTest {
    private static final String CLIENT_KEY = "outage-test-key-" + UUID.randomUUID();
    private static final String MINI_PROGRAM = "wxa1b2c3d4e5f60001";
    /** The sandbox's other app: nobody asks for its token before the outage. */
    private static final String UNREAD_APP = "wxa1b2c3d4e5f60002";

    private static RedisServerProcess redis;
    private static WxgateNode node;

    @BeforeAll
    static void start() {
        redis = RedisServerProcess.start();
        DatabaseFixture postgres = DatabaseFixture.postgres();
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("wxgate.store", "redis");
        properties.put("spring.data.redis.host", redis.host());
        properties.put("spring.data.redis.port", Integer.toString(redis.port()));
        properties.put("wxgate.redis.key-prefix", "outage:");
        properties.put("wxgate.redis.probe-interval", "200ms");
        properties.put("spring.datasource.url", postgres.jdbcUrl());
        properties.put("spring.datasource.username", postgres.username());
        properties.put("spring.datasource.password", postgres.password());
        // One node only, for this test: the embedded sandbox stands in for WeChat.
        properties.put("wxgate.sandbox.allow-in-cluster", "true");
        // Shorter than the outage: a token served during it comes from the near cache's outage rule, not its TTL.
        properties.put("wxgate.token.near-cache-ttl", "100ms");
        properties.put("wxgate.clients[0].id", "outage-test");
        properties.put("wxgate.clients[0].key-sha256", sha256(CLIENT_KEY));
        properties.put("wxgate.clients[0].apps", "*");
        try {
            node = new WxgateNode(properties, CLIENT_KEY);
        } catch (RuntimeException failed) {
            redis.close();
            throw failed;
        }
    }

    @AfterAll
    static void stop() {
        try {
            if (node != null) {
                node.close();
            }
        } finally {
            if (redis != null) {
                redis.close();
            }
        }
    }

    @Test
    void whileRedisIsDownCallsFailFastNotReadyTheCachedTokenServedAndAllRecoversWhenItIsBack() {
        String session = logIn("oOutage1").text("token");
        assertThat(get("/api/v1/me", session).status()).isEqualTo(200);
        Http.Answer token = node.token(MINI_PROGRAM);
        assertThat(token.status()).as(token.body()).isEqualTo(200);
        String accessToken = token.text("accessToken");
        assertThat(get("/actuator/health/readiness", null).status()).isEqualTo(200);
        assertThat(metric("wxgate_redis_down")).isZero();

        redis.kill();

        Http.Answer me = get("/api/v1/me", session);
        assertThat(me.status()).as(me.body()).isEqualTo(503);
        assertThat(me.text("error")).isEqualTo("store_unavailable");
        assertThat(metric("wxgate_redis_down")).as("the breaker opened").isEqualTo(1);

        double rejected = metric("wxgate_redis_breaker_rejected_total");
        for (int i = 0; i < 5; i++) {
            Http.Answer refused = get("/api/v1/me", session);
            assertThat(refused.status()).isEqualTo(503);
            assertThat(refused.text("error")).isEqualTo("store_unavailable");
        }
        for (int i = 0; i < 3; i++) {
            Http.Answer refused = logIn("oOutage2");
            assertThat(refused.status()).as(refused.body()).isEqualTo(503);
            assertThat(refused.text("error")).isEqualTo("store_unavailable");
        }
        assertThat(metric("wxgate_redis_breaker_rejected_total") - rejected)
                .as("calls refused by the breaker without trying Redis")
                .isGreaterThanOrEqualTo(8);
        assertThat(metric("wxgate_redis_breaker_trips_total")).isEqualTo(1);

        Http.Answer readiness = get("/actuator/health/readiness", null);
        assertThat(readiness.status()).isEqualTo(503);
        assertThat(readiness.text("status")).isEqualTo("OUT_OF_SERVICE");
        assertThat(get("/actuator/health", null).status()).isEqualTo(503);
        assertThat(get("/actuator/health/liveness", null).status()).isEqualTo(200);

        Http.Answer cached = node.token(MINI_PROGRAM);
        assertThat(cached.status()).as(cached.body()).isEqualTo(200);
        assertThat(cached.text("accessToken")).isEqualTo(accessToken);
        assertThat(metric("wxgate_token_near_cache_total{result=\"outage\"}")).isPositive();
        Http.Answer unread = node.token(UNREAD_APP);
        assertThat(unread.status()).as(unread.body()).isEqualTo(503);
        assertThat(unread.text("error")).isEqualTo("store_unavailable");

        redis.restart();

        await().atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> get("/actuator/health/readiness", null).status() == 200);
        assertThat(get("/actuator/health", null).status()).isEqualTo(200);
        assertThat(metric("wxgate_redis_down")).isZero();
        // The new Redis is empty: the old session is gone (401, not 503), a new login works.
        Http.Answer gone = get("/api/v1/me", session);
        assertThat(gone.status()).as(gone.body()).isEqualTo(401);
        Http.Answer again = logIn("oOutage1");
        assertThat(again.status()).as(again.body()).isEqualTo(200);
        assertThat(get("/api/v1/me", again.text("token")).text("openid")).isEqualTo("oOutage1");
        assertThat(node.token(MINI_PROGRAM).status()).isEqualTo(200);
        assertThat(node.token(UNREAD_APP).status()).isEqualTo(200);
    }

    // ---------------------------------------------------------------- helpers

    private static Http.Answer logIn(String openid) {
        Http.Answer code = Http.send(
                "POST", uri("/_sandbox/apps/" + MINI_PROGRAM + "/users/" + openid + "/login-code"), null, null);
        assertThat(code.status()).as(code.body()).isEqualTo(201);
        return Http.send(
                "POST",
                uri("/api/v1/login"),
                null,
                "{\"appId\":\"" + MINI_PROGRAM + "\",\"code\":\"" + code.text("code") + "\"}");
    }

    private static Http.Answer get(String path, String bearer) {
        return Http.send("GET", uri(path), bearer, null);
    }

    /** A sample's value on {@code /actuator/prometheus}, by its name and, if given, its labels' start. */
    private static double metric(String sample) {
        String name = sample.contains("{") ? sample.substring(0, sample.indexOf('{')) : sample;
        String labels = sample.contains("{") ? sample.substring(sample.indexOf('{') + 1, sample.length() - 1) : "";
        Http.Answer scrape = get("/actuator/prometheus", "wxgate-test-metrics-key");
        assertThat(scrape.status()).isEqualTo(200);
        for (String line : scrape.body().split("\n")) {
            if (line.startsWith(name + " ") || line.startsWith(name + "{") && line.contains(labels)) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        throw new AssertionError("no sample " + sample + " on /actuator/prometheus");
    }

    private static URI uri(String path) {
        return node.baseUrl.resolve(path);
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
