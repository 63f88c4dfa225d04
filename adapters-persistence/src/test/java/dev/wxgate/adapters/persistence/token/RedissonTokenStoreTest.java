package dev.wxgate.adapters.persistence.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.wxgate.adapters.persistence.RedisStore;
import dev.wxgate.adapters.persistence.RedisStores;
import dev.wxgate.adapters.persistence.RedisTopology;
import dev.wxgate.domain.StoreUnavailableException;
import dev.wxgate.domain.app.AppId;
import dev.wxgate.domain.token.StoredToken;
import dev.wxgate.domain.token.TokenStore;
import dev.wxgate.testfixtures.MutableClock;
import dev.wxgate.testfixtures.RedisFixture;
import dev.wxgate.testfixtures.TcpProxy;
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

    @Test
    void anUnreachableRedisIsStoreUnavailableAndTheStoreRecoversWithoutARestart() throws Exception {
        assumeTrue(topology == RedisTopology.STANDALONE, "the proxy that cuts Redis off stands before one server");
        node1.compareAndSet(app, 0, token("a"), "node-1");
        RedisFixture redis = RedisFixture.get();
        try (TcpProxy proxy = new TcpProxy(redis.host(), redis.port())) {
            RedissonClient behindProxy = TestRedis.client(proxy.redisUrl());
            try (RedissonTokenStore store = new RedissonTokenStore(
                    RedisStores.of(behindProxy), prefix, Duration.ofMillis(100), Clock.systemUTC())) {
                assertThat(store.readLatest(app)).isPresent();
                AppId unread = randomAppId();

                proxy.cut();

                assertThatThrownBy(() -> store.readLatest(app))
                        .isInstanceOf(StoreUnavailableException.class)
                        .hasMessageContaining("Redis could not read the token of app " + app);
                assertThatThrownBy(() -> store.read(unread)).isInstanceOf(StoreUnavailableException.class);
                assertThatThrownBy(() -> store.compareAndSet(unread, 0, token("b"), "node-3"))
                        .isInstanceOf(StoreUnavailableException.class);
                assertThatThrownBy(() -> store.lock(unread).tryLock(Duration.ZERO))
                        .isInstanceOf(StoreUnavailableException.class);

                proxy.restore();

                await().atMost(Duration.ofSeconds(10))
                        .ignoreException(StoreUnavailableException.class)
                        .untilAsserted(() -> assertThat(store.readLatest(app))
                                .map(StoredToken::version)
                                .contains(1L));
                assertThat(store.compareAndSet(app, 1, token("b"), "node-3")).isPresent();
                // Announcements flow again too: node 1 hears of the write made through the proxy.
                await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(node1.read(app))
                        .map(StoredToken::version)
                        .contains(2L));
            } finally {
                behindProxy.shutdown();
            }
        }
    }

    @Test
    void whileRedisIsUnreachableACachedTokenIsServedUntilItExpiresAndOnlyThenIsTheStoreUnavailable() throws Exception {
        assumeTrue(topology == RedisTopology.STANDALONE, "the proxy that cuts Redis off stands before one server");
        node1.compareAndSet(app, 0, token("a"), "node-1");
        MutableClock clock = new MutableClock(token("a").fetchedAt());
        RedisFixture redis = RedisFixture.get();
        try (TcpProxy proxy = new TcpProxy(redis.host(), redis.port())) {
            RedissonClient behindProxy = TestRedis.client(proxy.redisUrl());
            RedisStore breaker = RedisStores.of(behindProxy);
            // A near cache trusted for no time at all: every read asks Redis while Redis answers.
            try (RedissonTokenStore store = new RedissonTokenStore(breaker, prefix, Duration.ZERO, clock)) {
                assertThat(store.read(app)).map(StoredToken::version).contains(1L);
                proxy.cut();

                assertThat(store.read(app)).map(StoredToken::token).contains(token("a"));
                assertThat(breaker.isDown()).isTrue();
                long rejectedBefore = breaker.rejectedCalls();
                clock.advance(Duration.ofHours(2).minusSeconds(1));
                assertThat(store.read(app)).map(StoredToken::token).contains(token("a"));
                assertThat(store.nearCacheOutageHits()).isEqualTo(2);
                assertThatThrownBy(() -> store.readLatest(app)).isInstanceOf(StoreUnavailableException.class);
                assertThat(breaker.rejectedCalls()).isEqualTo(rejectedBefore + 1);

                clock.advance(Duration.ofSeconds(1));

                assertThatThrownBy(() -> store.read(app))
                        .isInstanceOf(StoreUnavailableException.class)
                        .hasMessageContaining("fail fast");
            } finally {
                breaker.close();
                behindProxy.shutdown();
            }
        }
    }
}
