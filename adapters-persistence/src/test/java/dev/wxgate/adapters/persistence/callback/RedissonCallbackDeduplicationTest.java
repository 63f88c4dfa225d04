package dev.wxgate.adapters.persistence.callback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

import dev.wxgate.adapters.persistence.RedisStores;
import dev.wxgate.domain.callback.CallbackDeduplication;
import dev.wxgate.domain.callback.CallbackDeduplication.Kind;
import dev.wxgate.testfixtures.RedisFixture;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.redisson.api.RedissonClient;

class RedissonCallbackDeduplicationTest extends AbstractCallbackDeduplicationTest {
    private static RedissonClient client;
    private static RedissonClient otherNode;

    private final String prefix = RedisFixture.get().freshPrefix();
    private final RedissonCallbackDeduplication deduplication =
            new RedissonCallbackDeduplication(RedisStores.of(client), prefix);

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
    CallbackDeduplication deduplication() {
        return deduplication;
    }

    @Override
    Duration shortKeep() {
        return Duration.ofMillis(300);
    }

    /** Redis keeps real time: wait, bounded, until the key is gone. */
    @Override
    void letExpire(Duration keep) {
        await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> client.getKeys()
                        .getKeysStreamByPattern(prefix + "*")
                        .findAny()
                        .isEmpty());
    }

    @Test
    void nodesShareWhatWasSeen() {
        RedissonCallbackDeduplication secondNode = new RedissonCallbackDeduplication(RedisStores.of(otherNode), prefix);

        assertThat(deduplication.firstSeen(app, Kind.DELIVERY, id, HOUR)).isTrue();
        assertThat(secondNode.firstSeen(app, Kind.DELIVERY, id, HOUR)).isFalse();
        assertThat(secondNode.seen(app, Kind.DELIVERY, id)).isTrue();
    }

    @Test
    void keysAreHashTaggedPerAppHashedAndExpire() {
        deduplication.firstSeen(app, Kind.NONCE, "1715943329:1590219412", HOUR);

        String name = deduplication.name(app, Kind.NONCE, "1715943329:1590219412");
        assertThat(name)
                .matches(java.util.regex.Pattern.quote(prefix + "{wxgate:callback:" + app.value() + "}:nonce:")
                        + "[0-9a-f]{64}");
        long ttl = Long.parseLong(RedisFixture.get().command("PTTL", name).substring(1));
        assertThat(ttl).isBetween(1L, HOUR.toMillis());
    }

    @Test
    void aPrefixThatWouldBreakTheHashTagIsRefused() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new RedissonCallbackDeduplication(RedisStores.of(client), "wx{gate}:"));
    }
}
