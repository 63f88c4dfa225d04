package dev.wxgate.adapters.persistence.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.wxgate.adapters.persistence.RedisStores;
import dev.wxgate.adapters.persistence.RedisTopology;
import dev.wxgate.domain.token.TokenStore;
import dev.wxgate.testfixtures.RedisFixture;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;

/**
 * The token store contract on a real Redis (standalone, Cluster, Sentinel), two Redisson clients playing two nodes; then
 * what only Redis has.
 */
@ParameterizedClass
@EnumSource(RedisTopology.class)
class RedissonTokenStoreTest extends AbstractTokenStoreTest {
    /** Standalone, Cluster or Sentinel: every test runs on each. */
    @Parameter
    RedisTopology topology;

    private static RedissonClient client1;
    private static RedissonClient client2;

    private final String prefix = RedisFixture.get().freshPrefix();
    private final RedissonTokenStore node1 =
            new RedissonTokenStore(RedisStores.of(client1), prefix, Duration.ofSeconds(30), Clock.systemUTC());
    private final RedissonTokenStore node2 =
            new RedissonTokenStore(RedisStores.of(client2), prefix, Duration.ofSeconds(30), Clock.systemUTC());

    @BeforeParameterizedClassInvocation
    static void connect(RedisTopology topology) {
        client1 = TestRedis.client(topology);
        client2 = TestRedis.client(topology);
    }

    @AfterParameterizedClassInvocation
    static void disconnect() {
        client1.shutdown();
        client2.shutdown();
    }

    @AfterEach
    void closeStores() {
        node1.close();
        node2.close();
    }

    @Override
    TokenStore node1() {
        return node1;
    }

    @Override
    TokenStore node2() {
        return node2;
    }

    @Test
    void theStateLivesUnderTheAppsHashTagAndIsReadableByOperators() {
        node1.compareAndSet(app, 0, token("a"), "node-1");

        String key = prefix + "{wxgate:token:" + app + "}:state";
        assertThat(client1.<String, String>getMap(key, StringCodec.INSTANCE).get("version"))
                .isEqualTo("1");
        assertThat(client1.getKeys().countExists(key)).isOne();
    }

    @Test
    void repeatedReadsAreServedFromTheNearCache() {
        node1.compareAndSet(app, 0, token("a"), "node-1");
        long missesBefore = node2.nearCacheMisses();

        for (int i = 0; i < 10; i++) {
            assertThat(node2.read(app)).isPresent();
        }

        assertThat(node2.nearCacheMisses() - missesBefore).isEqualTo(1);
        assertThat(node2.nearCacheHits()).isGreaterThanOrEqualTo(9);
        // Proof that no read went to Redis: the near cache still answers after the key is gone behind its back.
        client1.getKeys().delete(prefix + "{wxgate:token:" + app + "}:state");
        assertThat(node2.read(app)).isPresent();
        assertThat(node2.readLatest(app)).isEmpty();
    }

    @Test
    void aNearCacheEntryIsTrustedOnlyForItsTimeToLive() {
        try (RedissonTokenStore shortLived =
                new RedissonTokenStore(RedisStores.of(client2), prefix, Duration.ofMillis(200), Clock.systemUTC())) {
            node1.compareAndSet(app, 0, token("a"), "node-1");
            assertThat(shortLived.read(app)).isPresent();
            client1.getKeys().delete(prefix + "{wxgate:token:" + app + "}:state");

            await().atMost(Duration.ofSeconds(3))
                    .until(() -> shortLived.read(app).isEmpty());
        }
    }

    @Test
    void theLeaseOutlivesASlowHolderAndEndsWhenTheHolderDies() throws Exception {
        RedissonClient doomed = TestRedis.client(topology);
        RedissonTokenStore dying =
                new RedissonTokenStore(RedisStores.of(doomed), prefix, Duration.ofSeconds(30), Clock.systemUTC());
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            assertThat(threads.submit(() -> dying.lock(app).tryLock(Duration.ZERO))
                            .get())
                    .isTrue();

            // Held across more than two leases: the watchdog renews it while the holder lives.
            Thread.sleep(TestRedis.LEASE.multipliedBy(2).plusMillis(500).toMillis());
            assertThat(threads.submit(() -> node2.lock(app).tryLock(Duration.ZERO))
                            .get())
                    .as("lock still held by the slow holder")
                    .isFalse();

            doomed.shutdown();

            assertThat(threads.submit(() -> {
                                TokenStore.RefreshLock lock = node2.lock(app);
                                boolean got = lock.tryLock(TestRedis.LEASE.multipliedBy(5));
                                lock.unlock();
                                return got;
                            })
                            .get())
                    .as("another node takes the lock once the dead holder's lease ended")
                    .isTrue();
        }
    }
}
