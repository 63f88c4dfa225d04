package dev.wxgate.adapters.persistence.callback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

import dev.wxgate.adapters.persistence.RedisStores;
import dev.wxgate.adapters.persistence.RedisTopology;
import dev.wxgate.domain.callback.CallbackDeduplication;
import dev.wxgate.domain.callback.CallbackDeduplication.Kind;
import dev.wxgate.testfixtures.RedisFixture;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.redisson.api.RedissonClient;

@ParameterizedClass
@EnumSource(RedisTopology.class)
class RedissonCallbackDeduplicationTest extends AbstractCallbackDeduplicationTest {
    /** Standalone, Cluster or Sentinel: every test runs on each. */
    @Parameter
    RedisTopology topology;

    private static RedissonClient client;
    private static RedissonClient otherNode;

    private final String prefix = RedisFixture.get().freshPrefix();
    private final RedissonCallbackDeduplication deduplication =
            new RedissonCallbackDeduplication(RedisStores.of(client), prefix);

    @BeforeParameterizedClassInvocation
    static void connect(RedisTopology topology) {
        client = topology.client();
        otherNode = topology.client();
    }

    @AfterParameterizedClassInvocation
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
        long ttl = client.getKeys().remainTimeToLive(name);
        assertThat(ttl).isBetween(1L, HOUR.toMillis());
    }

    @Test
    void aPrefixThatWouldBreakTheHashTagIsRefused() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new RedissonCallbackDeduplication(RedisStores.of(client), "wx{gate}:"));
    }
}
