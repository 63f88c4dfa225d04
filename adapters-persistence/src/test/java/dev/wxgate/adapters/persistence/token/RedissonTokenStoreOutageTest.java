package dev.wxgate.adapters.persistence.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.wxgate.adapters.persistence.RedisStore;
import dev.wxgate.adapters.persistence.RedisStores;
import dev.wxgate.adapters.persistence.RedisTopology;
import dev.wxgate.domain.StoreUnavailableException;
import dev.wxgate.domain.app.AppId;
import dev.wxgate.domain.token.StoredToken;
import dev.wxgate.testfixtures.MutableClock;
import dev.wxgate.testfixtures.RedisFixture;
import dev.wxgate.testfixtures.TcpProxy;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.redisson.api.RedissonClient;

/**
 * The token store when Redis cannot be reached, cut off by a TCP proxy in front of the standalone Redis (a proxy stands
 * before one server, so these run on that topology only; Cluster and Sentinel failovers are RedisFailoverTest's).
 */
class RedissonTokenStoreOutageTest {
    private static RedissonClient client;

    private final String prefix = RedisFixture.get().freshPrefix();
    private final AppId app = AbstractTokenStoreTest.randomAppId();
    private final RedissonTokenStore node1 =
            new RedissonTokenStore(RedisStores.of(client), prefix, Duration.ofSeconds(30), Clock.systemUTC());

    @BeforeAll
    static void connect() {
        client = TestRedis.client(RedisTopology.STANDALONE);
    }

    @AfterAll
    static void disconnect() {
        client.shutdown();
    }

    @AfterEach
    void closeStore() {
        node1.close();
    }

    private static AppId randomAppId() {
        return AbstractTokenStoreTest.randomAppId();
    }

    private static dev.wxgate.domain.token.AccessToken token(String name) {
        return AbstractTokenStoreTest.token(name);
    }

    @Test
    void anUnreachableRedisIsStoreUnavailableAndTheStoreRecoversWithoutARestart() throws Exception {
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
