package dev.wxgate.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wxgate.api.ApiClient.Answer;
import dev.wxgate.testfixtures.DatabaseFixture;
import dev.wxgate.testfixtures.RedisFixture;
import org.junit.jupiter.api.Test;
import org.redisson.api.RedissonClient;
import org.redisson.config.BaseMasterSlaveServersConfig;
import org.redisson.config.Config;
import org.redisson.config.ReadMode;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The whole application in redis mode on a Redis Cluster or Sentinel topology of the test's own, configured only
 * through {@code spring.data.redis.*} as an operator would: a login, who-am-I, and a backend's token read through the
 * internal API all go through the Redis the properties name. The context closes with the class (the topology's
 * processes stop when the JVM exits, after it).
 */
@SpringBootTest(
        classes = dev.wxgate.bootstrap.WxgateApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "wxgate.store=redis",
            "wxgate.sandbox.allow-in-cluster=true",
            "wxgate.clients[0].id=orders",
            // SHA-256 of "orders-backend-key-0123456789abcdef"
            "wxgate.clients[0].key-sha256=bf3c0e95c45a1778eac2428c82cb1efbe57f5de213bc9a461f6ef276f3a1c007",
            "wxgate.clients[0].apps=" + ApiClient.MINI_PROGRAM
        })
@ActiveProfiles("test")
@DirtiesContext
abstract class RedisTopologyApplicationTest {
    static final String CLIENT_KEY = "orders-backend-key-0123456789abcdef";

    @LocalServerPort
    int port;

    @Autowired
    RedissonClient redisson;

    /** The key prefix, the database, and the store; the subclass names its Redis. */
    static void services(DynamicPropertyRegistry registry, String prefix) {
        registry.add("wxgate.redis.key-prefix", () -> prefix);
        // A redis store refuses an embedded H2 (each node would number users on its own).
        StoreProperties.database(registry, DatabaseFixture.postgres());
    }

    static String freshPrefix() {
        return RedisFixture.get().freshPrefix();
    }

    /** The topology the client was built for, from the properties alone. */
    abstract boolean builtForThisTopology(Config config);

    abstract BaseMasterSlaveServersConfig<?> servers(Config config);

    abstract String prefix();

    @Test
    void aUserLogsInIsKnownOnTheNextRequestAndABackendReadsTheAccessToken() {
        Config config = redisson.getConfig();
        assertThat(builtForThisTopology(config)).isTrue();
        assertThat(servers(config).getReadMode()).isEqualTo(ReadMode.MASTER);
        ApiClient api = new ApiClient(port);

        Answer login = api.logIn("oTopologyUser");
        assertThat(login.status()).as(login.body()).isEqualTo(200);
        String session = login.text("token");
        Answer me = api.get("/api/v1/me", session);
        assertThat(me.status()).as(me.body()).isEqualTo(200);
        assertThat(me.text("openid")).isEqualTo("oTopologyUser");

        Answer token = api.get("/internal/v1/apps/" + ApiClient.MINI_PROGRAM + "/access-token", CLIENT_KEY);
        assertThat(token.status()).as(token.body()).isEqualTo(200);
        Answer again = api.get("/internal/v1/apps/" + ApiClient.MINI_PROGRAM + "/access-token", CLIENT_KEY);
        assertThat(again.text("accessToken")).isNotBlank().isEqualTo(token.text("accessToken"));

        // What the requests stored is in this topology's Redis: the session and the token's state, under the prefix.
        assertThat(redisson.getKeys().getKeysStreamByPattern(prefix() + "*").toList())
                .anyMatch(key -> key.contains(":session:"))
                .contains(prefix() + "{wxgate:token:" + ApiClient.MINI_PROGRAM + "}:state");
    }
}
