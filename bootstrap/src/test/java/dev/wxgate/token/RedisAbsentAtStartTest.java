package dev.wxgate.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.wxgate.testfixtures.DatabaseFixture;
import dev.wxgate.testfixtures.RedisServerProcess;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A node whose Redis does not answer at start-up (a valid address, nobody there yet) starts anyway: not ready, 503
 * {@code store_unavailable} to what needs Redis, and serving without a restart once Redis answers. The redis-server
 * is the test's own: started once to reserve its port, stopped, and started again after the node.
 */
class RedisAbsentAtStartTest {
    private static final String MINI_PROGRAM = "wxa1b2c3d4e5f60001";

    @Test
    void aNodeStartsWithoutRedisNotReadyAndServesOnceRedisAnswers() {
        DatabaseFixture postgres = DatabaseFixture.postgres();
        try (RedisServerProcess redis = RedisServerProcess.start()) {
            redis.kill();
            Map<String, Object> properties = new LinkedHashMap<>();
            properties.put("wxgate.store", "redis");
            properties.put("spring.data.redis.host", redis.host());
            properties.put("spring.data.redis.port", Integer.toString(redis.port()));
            properties.put("wxgate.redis.key-prefix", "absent-at-start:");
            properties.put("wxgate.redis.probe-interval", "200ms");
            properties.put("spring.datasource.url", postgres.jdbcUrl());
            properties.put("spring.datasource.username", postgres.username());
            properties.put("spring.datasource.password", postgres.password());
            properties.put("wxgate.sandbox.allow-in-cluster", "true");
            try (WxgateNode node = new WxgateNode(properties, "no-client")) {
                Http.Answer health = get(node, "/actuator/health", null);
                assertThat(health.status()).as(health.body()).isEqualTo(503);
                assertThat(health.text("status")).isEqualTo("DOWN");
                assertThat(get(node, "/actuator/health/readiness", null).status())
                        .isEqualTo(503);
                assertThat(get(node, "/actuator/health/liveness", null).status())
                        .isEqualTo(200);
                Http.Answer me = get(node, "/api/v1/me", "A".repeat(43));
                assertThat(me.status()).as(me.body()).isEqualTo(503);
                assertThat(me.text("error")).isEqualTo("store_unavailable");

                redis.restart();

                await().atMost(Duration.ofSeconds(20))
                        .pollInterval(Duration.ofMillis(100))
                        .until(() -> get(node, "/actuator/health", null).status() == 200);
                assertThat(get(node, "/actuator/health/readiness", null).status())
                        .isEqualTo(200);
                Http.Answer login = logIn(node, "oAbsentAtStart");
                assertThat(login.status()).as(login.body()).isEqualTo(200);
                Http.Answer mine = get(node, "/api/v1/me", login.text("token"));
                assertThat(mine.status()).as(mine.body()).isEqualTo(200);
                assertThat(mine.text("openid")).isEqualTo("oAbsentAtStart");
            }
        }
    }

    private static Http.Answer logIn(WxgateNode node, String openid) {
        Http.Answer code = Http.send(
                "POST", uri(node, "/_sandbox/apps/" + MINI_PROGRAM + "/users/" + openid + "/login-code"), null, null);
        assertThat(code.status()).as(code.body()).isEqualTo(201);
        return Http.send(
                "POST",
                uri(node, "/api/v1/login"),
                null,
                "{\"appId\":\"" + MINI_PROGRAM + "\",\"code\":\"" + code.text("code") + "\"}");
    }

    private static Http.Answer get(WxgateNode node, String path, String bearer) {
        return Http.send("GET", uri(node, path), bearer, null);
    }

    private static URI uri(WxgateNode node, String path) {
        return node.baseUrl.resolve(path);
    }
}
