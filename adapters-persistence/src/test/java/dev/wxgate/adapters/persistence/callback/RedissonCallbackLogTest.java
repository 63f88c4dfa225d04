package dev.wxgate.adapters.persistence.callback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.wxgate.adapters.persistence.RedisStore;
import dev.wxgate.adapters.persistence.RedisStores;
import dev.wxgate.domain.StoreUnavailableException;
import dev.wxgate.domain.callback.CallbackLog;
import dev.wxgate.testfixtures.RedisFixture;
import dev.wxgate.testfixtures.TcpProxy;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.config.Config;
import org.redisson.config.ConstantDelay;

class RedissonCallbackLogTest extends AbstractCallbackLogTest {
    private static RedissonClient client;
    private static RedissonClient otherNode;

    private final String prefix = RedisFixture.get().freshPrefix();

    @BeforeAll
    static void connect() {
        client = RedisStores.client();
        otherNode = RedisStores.client();
    }

    @AfterAll
    static void disconnect() {
        client.shutdown();
        otherNode.shutdown();
    }

    @Override
    CallbackLog log(int capacity) {
        return new RedissonCallbackLog(RedisStores.of(client), prefix, capacity);
    }

    @Test
    void nodesShareOneLog() {
        CallbackLog first = log(CAPACITY);
        CallbackLog second = new RedissonCallbackLog(RedisStores.of(otherNode), prefix, CAPACITY);

        first.record(handled(1));
        second.record(handled(2));

        assertThat(second.recent(10)).containsExactly(handled(2), handled(1));
        assertThat(first.recent(10)).containsExactly(handled(2), handled(1));
    }

    @Test
    void theStreamIsCappedNearItsCapacityUnderThePrefix() {
        RedissonCallbackLog log = new RedissonCallbackLog(RedisStores.of(client), prefix, 100);
        for (int i = 0; i < 1_000; i++) {
            log.record(handled(i));
        }

        assertThat(log.key()).isEqualTo(prefix + "{wxgate:callbacks}:log");
        assertThat(RedisFixture.get().command("TYPE", log.key())).isEqualTo("+stream");
        long length =
                Long.parseLong(RedisFixture.get().command("XLEN", log.key()).substring(1));
        assertThat(length).as("trimmed approximately: whole blocks").isBetween(100L, 300L);
        assertThat(log.recent(1_000)).hasSize(100);
    }

    @Test
    void anUnreachableRedisLosesTheEntryWithoutFailingAndReadingSaysSo() throws Exception {
        RedisFixture redis = RedisFixture.get();
        try (TcpProxy proxy = new TcpProxy(redis.host(), redis.port())) {
            RedissonClient cutOff = quickClient(proxy.redisUrl());
            try (RedisStore store = new RedisStore(cutOff, prefix, Duration.ofMillis(100), Clock.systemUTC())) {
                RedissonCallbackLog log = new RedissonCallbackLog(store, prefix, CAPACITY);
                log.record(handled(1));

                proxy.cut();
                log.record(handled(2));
                log.record(handled(3));
                assertThatThrownBy(() -> log.recent(10)).isInstanceOf(StoreUnavailableException.class);

                proxy.restore();
                await().atMost(Duration.ofSeconds(10)).until(() -> !store.isDown());
                assertThat(log.recent(10)).containsExactly(handled(1));
            } finally {
                cutOff.shutdown();
            }
        }
    }

    @Test
    void aPrefixThatWouldBreakTheHashTagIsRefused() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new RedissonCallbackLog(RedisStores.of(client), "wx{gate}:", CAPACITY));
    }

    private static RedissonClient quickClient(String address) {
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
