package dev.wxgate.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.wxgate.domain.StoreUnavailableException;
import dev.wxgate.testfixtures.MutableClock;
import dev.wxgate.testfixtures.RedisFixture;
import dev.wxgate.testfixtures.TcpProxy;
import java.net.ConnectException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.redisson.Redisson;
import org.redisson.api.RScript;
import org.redisson.api.RedissonClient;
import org.redisson.client.RedisException;
import org.redisson.client.RedisLoadingException;
import org.redisson.client.RedisTimeoutException;
import org.redisson.client.codec.StringCodec;
import org.redisson.config.Config;
import org.redisson.config.ConstantDelay;

/** The breaker in front of Redis, on a real Redis behind a proxy that can cut it off. */
class RedisStoreTest {
    private final String prefix = RedisFixture.get().freshPrefix();

    @Test
    void anUnreachableRedisOpensTheBreakerWhichRefusesWithoutCallingUntilTheProbeGetsAnAnswer() throws Exception {
        RedisFixture redis = RedisFixture.get();
        MutableClock clock = new MutableClock(Instant.parse("2026-05-01T10:00:00Z"));
        try (TcpProxy proxy = new TcpProxy(redis.host(), redis.port())) {
            RedissonClient client = client(proxy.redisUrl());
            try (RedisStore store = new RedisStore(client, prefix, Duration.ofMillis(100), clock)) {
                assertThat(store.call("count keys", () -> client.getBucket(prefix + "k")
                                .isExists()))
                        .isFalse();
                assertThat(store.isDown()).isFalse();

                proxy.cut();
                assertThatThrownBy(() -> store.call("read a key", () -> client.getBucket(prefix + "k")
                                .isExists()))
                        .isInstanceOf(StoreUnavailableException.class)
                        .hasMessageStartingWith("Redis could not read a key: ");
                assertThat(store.isDown()).isTrue();
                assertThat(store.downSince()).contains(clock.instant());
                assertThat(store.trips()).isEqualTo(1);

                AtomicInteger tried = new AtomicInteger();
                for (int i = 0; i < 20; i++) {
                    assertThatThrownBy(() -> store.call("read a key", tried::incrementAndGet))
                            .isInstanceOf(StoreUnavailableException.class)
                            .hasMessageContaining("fail fast");
                }
                assertThat(tried).as("calls made while the breaker is open").hasValue(0);
                assertThat(store.rejectedCalls()).isEqualTo(20);

                proxy.restore();
                await().atMost(Duration.ofSeconds(10)).until(() -> !store.isDown());

                assertThat(store.call("read a key", () -> client.getBucket(prefix + "k")
                                .isExists()))
                        .isFalse();
                assertThat(store.probes()).isPositive();
                assertThat(store.trips()).isEqualTo(1);
            } finally {
                client.shutdown();
            }
        }
    }

    @Test
    void anErrorRedisAnswersIsStoreUnavailableButLeavesTheBreakerClosed() {
        RedissonClient client = client(RedisFixture.get().url());
        try (RedisStore store = RedisStores.of(client)) {
            assertThatThrownBy(() -> store.call("run a broken script", () -> client.getScript(StringCodec.INSTANCE)
                            .eval(
                                    RScript.Mode.READ_ONLY,
                                    "return redis.call('nosuchcommand')",
                                    RScript.ReturnType.VALUE,
                                    List.of())))
                    .isInstanceOf(StoreUnavailableException.class)
                    .hasMessageStartingWith("Redis could not run a broken script");

            assertThat(store.isDown()).isFalse();
            assertThat(store.trips()).isZero();
        } finally {
            client.shutdown();
        }
    }

    @Test
    void aRefusedConnectionOrATimeoutCountsAsUnreachableAndAnErrorReplyDoesNot() {
        // What Redisson throws when the server is gone: a plain RedisException caused by the socket's failure.
        assertThat(RedisStore.unreachable(new RedisException(
                        "Unexpected exception while processing command", new ConnectException("Connection refused"))))
                .isTrue();
        assertThat(RedisStore.unreachable(new RedisTimeoutException("Command execution timeout")))
                .isTrue();
        assertThat(RedisStore.unreachable(new RedisLoadingException("LOADING Redis is loading the dataset")))
                .isTrue();
        assertThat(RedisStore.unreachable(new RedisException("ERR unknown command 'nosuchcommand'")))
                .isFalse();
    }

    private static RedissonClient client(String address) {
        Config config = new Config();
        config.useSingleServer()
                .setAddress(address)
                .setConnectTimeout(500)
                .setTimeout(500)
                .setRetryAttempts(1)
                .setRetryDelay(new ConstantDelay(Duration.ofMillis(100)))
                .setReconnectionDelay(new ConstantDelay(Duration.ofMillis(100)))
                .setConnectionMinimumIdleSize(1)
                .setConnectionPoolSize(2);
        return Redisson.create(config);
    }
}
