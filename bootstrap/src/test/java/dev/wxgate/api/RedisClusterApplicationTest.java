package dev.wxgate.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wxgate.api.ApiClient.Answer;
import dev.wxgate.testfixtures.RedisClusterProcesses;
import dev.wxgate.testfixtures.RedisServerProcess;
import dev.wxgate.testfixtures.SharedRedisTopologies;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.redisson.config.BaseMasterSlaveServersConfig;
import org.redisson.config.Config;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** wxgate on a Redis Cluster (3 masters + 3 replicas) named by {@code spring.data.redis.cluster.nodes}. */
class RedisClusterApplicationTest extends RedisTopologyApplicationTest {
    private static final String PREFIX = freshPrefix();

    @DynamicPropertySource
    static void cluster(DynamicPropertyRegistry registry) {
        RedisClusterProcesses cluster = SharedRedisTopologies.cluster();
        registry.add(
                "spring.data.redis.cluster.nodes",
                () -> String.join(
                        ",",
                        cluster.nodes().stream()
                                .map(node -> node.host() + ":" + node.port())
                                .toList()));
        services(registry, PREFIX);
    }

    /**
     * An operator moves slots between masters (more capacity, a rebalance) while users are served: every answer is 200
     * or 503 {@code store_unavailable}, never a 500 or another user, and every session is still there afterwards.
     */
    @Test
    void sessionsAndTokensAreServedWhileSlotsMigrateBetweenMasters() throws Exception {
        RedisClusterProcesses cluster = SharedRedisTopologies.cluster();
        ApiClient api = new ApiClient(port);
        Map<String, String> openidBySession = new ConcurrentHashMap<>();
        for (int i = 0; i < 40; i++) {
            Answer login = api.logIn("oMigrating" + i);
            assertThat(login.status()).as(login.body()).isEqualTo(200);
            openidBySession.put(login.text("token"), "oMigrating" + i);
        }
        List<String> sessions = List.copyOf(openidBySession.keySet());
        Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        AtomicInteger wrongUser = new AtomicInteger();
        AtomicBoolean migrating = new AtomicBoolean(true);
        List<Future<?>> load = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
            for (int t = 0; t < 4; t++) {
                int offset = t;
                load.add(pool.submit(() -> {
                    for (int i = offset; migrating.get() || i < offset + 200; i++) {
                        String session = sessions.get(i % sessions.size());
                        Answer answer = i % 5 == 0
                                ? api.get("/internal/v1/apps/" + ApiClient.MINI_PROGRAM + "/access-token", CLIENT_KEY)
                                : api.get("/api/v1/me", session);
                        statuses.computeIfAbsent(answer.status(), status -> new AtomicInteger())
                                .incrementAndGet();
                        if (answer.status() == 503) {
                            assertThat(answer.body()).contains("store_unavailable");
                        } else if (answer.status() == 200
                                && i % 5 != 0
                                && !openidBySession.get(session).equals(answer.text("openid"))) {
                            wrongUser.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            // The master of a session's slot gives a third of the slots to another master, keys and all.
            RedisServerProcess from = cluster.masterOf(aSessionKey());
            RedisServerProcess to = cluster.masters().stream()
                    .filter(master -> master != from)
                    .findFirst()
                    .orElseThrow();
            try {
                cluster.migrateSlots(from, to, 2_000, Duration.ofSeconds(60));
            } finally {
                migrating.set(false);
            }
            for (Future<?> thread : load) {
                thread.get();
            }
        }

        assertThat(statuses.keySet()).as("statuses seen: %s", statuses).isSubsetOf(200, 503);
        assertThat(statuses.get(200)).isNotNull();
        assertThat(wrongUser).hasValue(0);
        for (String session : sessions) {
            Answer me = api.get("/api/v1/me", session);
            assertThat(me.status()).as(me.body()).isEqualTo(200);
            assertThat(me.text("openid")).isEqualTo(openidBySession.get(session));
        }
    }

    /** A key of one of the sessions, to find a master that holds sessions. */
    private String aSessionKey() {
        return redisson.getKeys()
                .getKeysStreamByPattern(PREFIX + "*session*")
                .findFirst()
                .orElseThrow();
    }

    @Override
    boolean builtForThisTopology(Config config) {
        return config.isClusterConfig();
    }

    @Override
    BaseMasterSlaveServersConfig<?> servers(Config config) {
        return config.useClusterServers();
    }

    @Override
    String prefix() {
        return PREFIX;
    }
}
