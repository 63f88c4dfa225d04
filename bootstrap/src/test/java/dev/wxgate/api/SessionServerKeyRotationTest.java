package dev.wxgate.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wxgate.adapters.persistence.session.SessionKeyCipher;
import dev.wxgate.bootstrap.WxgateApplication;
import dev.wxgate.testfixtures.RedisFixture;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.h2.tools.Server;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The runbook docs/runbooks/session-server-key.md, step by step: a redis node is restarted with each key list in turn
 * ([A] → [A, B] → [B, A] → [B]) on one Redis and one database, and no session made under A is lost until A is removed;
 * then only the sessions no node used meanwhile end, answered 401 as an ended session, never 500. The JWT signing key,
 * sealed by the same server keys, keeps signing.
 */
class SessionServerKeyRotationTest {
    private static final String KEY_A = SessionKeyCipher.generateKey();
    private static final String KEY_B = SessionKeyCipher.generateKey();
    private static Server database;
    private static String databaseUrl;
    private static String keyPrefix;

    @BeforeAll
    static void startDatabase() throws Exception {
        // A database of its own (an H2 server, which a redis node accepts): its JWT signing key is sealed by A, then B.
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        database = Server.createTcpServer("-tcpPort", Integer.toString(port), "-ifNotExists")
                .start();
        String name = "keyrotation" + UUID.randomUUID().toString().replace("-", "");
        databaseUrl = "jdbc:h2:tcp://127.0.0.1:" + port + "/mem:" + name + ";DB_CLOSE_DELAY=-1";
        keyPrefix = RedisFixture.get().keyPrefix() + "keyrotation:";
    }

    @AfterAll
    static void stopDatabase() {
        database.stop();
    }

    private static ConfigurableApplicationContext node(String... serverKeys) {
        RedisFixture redis = RedisFixture.get();
        return new SpringApplicationBuilder(WxgateApplication.class)
                .profiles("test")
                .run(
                        "--server.port=0",
                        "--server.address=127.0.0.1",
                        "--server.shutdown=immediate",
                        "--wxgate.store=redis",
                        "--spring.data.redis.host=" + redis.host(),
                        "--spring.data.redis.port=" + redis.port(),
                        "--wxgate.redis.key-prefix=" + keyPrefix,
                        "--wxgate.sandbox.allow-in-cluster=true",
                        "--spring.datasource.url=" + databaseUrl,
                        "--wxgate.login.per-client-ip=100000",
                        "--wxgate.sessions.server-key=",
                        "--wxgate.sessions.server-keys=" + String.join(",", serverKeys));
    }

    private static ApiClient api(ConfigurableApplicationContext node) {
        return new ApiClient(Integer.parseInt(node.getEnvironment().getRequiredProperty("local.server.port")));
    }

    @Test
    void noSessionIsLostAcrossTheRunbooksSteps_andOnlyUnusedOnesEndWhenTheOldKeyGoes() {
        String used;
        String refreshed;
        String untouched;
        try (ConfigurableApplicationContext onA = node(KEY_A)) {
            ApiClient api = api(onA);
            used = api.logIn("oRotationUsed").text("token");
            refreshed = api.logIn("oRotationRefreshed").text("token");
            untouched = api.logIn("oRotationUntouched").text("token");
            assertThat(jwt(api, used))
                    .as("creates the signing key, sealed by A")
                    .isEqualTo(200);
        }

        try (ConfigurableApplicationContext addedSecond = node(KEY_A, KEY_B)) {
            ApiClient api = api(addedSecond);
            for (String token : List.of(used, refreshed, untouched)) {
                assertThat(me(api, token)).as("after [A, B]").isEqualTo(200);
            }
            assertThat(info(api)).contains(keyId(KEY_A), keyId(KEY_B));
        }

        String refreshedAgain;
        try (ConfigurableApplicationContext movedFirst = node(KEY_B, KEY_A)) {
            ApiClient api = api(movedFirst);
            assertThat(me(api, used))
                    .as("after [B, A]: opened, and sealed again by B")
                    .isEqualTo(200);
            ApiClient.Answer refresh = api.post("/api/v1/session/refresh", refreshed, Map.of());
            assertThat(refresh.status()).as(refresh.body()).isEqualTo(200);
            refreshedAgain = refresh.text("token");
            assertThat(jwt(api, used))
                    .as("the signing key opens, and is sealed again by B")
                    .isEqualTo(200);
        }

        try (ConfigurableApplicationContext onlyB = node(KEY_B)) {
            ApiClient api = api(onlyB);
            assertThat(me(api, used)).as("used under [B, A]").isEqualTo(200);
            assertThat(me(api, refreshedAgain)).as("refreshed under [B, A]").isEqualTo(200);
            ApiClient.Answer ended = api.get("/api/v1/me", untouched);
            assertThat(ended.status()).as("sealed by A only: " + ended.body()).isEqualTo(401);
            assertThat(ended.text("error")).isEqualTo("invalid_session");
            assertThat(jwt(api, used))
                    .as("the signing key was sealed again by B")
                    .isEqualTo(200);
            assertThat(info(api)).contains(keyId(KEY_B)).doesNotContain(keyId(KEY_A));
        }
    }

    private static int me(ApiClient api, String token) {
        return api.get("/api/v1/me", token).status();
    }

    private static int jwt(ApiClient api, String token) {
        return api.post("/api/v1/session/jwt", token, Map.of()).status();
    }

    private static String info(ApiClient api) {
        return api.get("/actuator/info", null).body();
    }

    private static String keyId(String key) {
        return SessionKeyCipher.fromBase64(key).keyIds().getFirst();
    }
}
