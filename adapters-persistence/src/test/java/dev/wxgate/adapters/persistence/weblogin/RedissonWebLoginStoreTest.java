package dev.wxgate.adapters.persistence.weblogin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.wxgate.adapters.persistence.RedisStores;
import dev.wxgate.adapters.persistence.RedisTopology;
import dev.wxgate.domain.oauth.Claim;
import dev.wxgate.domain.oauth.WebLoginStore;
import dev.wxgate.testfixtures.RedisFixture;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;

@ParameterizedClass
@EnumSource(RedisTopology.class)
class RedissonWebLoginStoreTest extends AbstractWebLoginStoreTest {
    /** Standalone, Cluster or Sentinel: every test runs on each. */
    @Parameter
    RedisTopology topology;

    private static RedissonClient client;
    private static RedissonClient otherNode;

    private final String prefix = RedisFixture.get().freshPrefix();
    private final RedissonWebLoginStore store = new RedissonWebLoginStore(RedisStores.of(client), prefix);

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
    WebLoginStore store() {
        return store;
    }

    @Override
    Duration shortKeep() {
        return Duration.ofMillis(300);
    }

    /** Redis keeps real time: wait, bounded, until the keys are gone. */
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
    void nodesShareEntriesAndTheirClaims() {
        RedissonWebLoginStore secondNode = new RedissonWebLoginStore(RedisStores.of(otherNode), prefix);
        store.putPending("s1", PENDING, HOUR);

        assertThat(secondNode.claimPending("s1")).contains(new Claim<>(PENDING, false));
        assertThat(store.claimPending("s1")).contains(new Claim<>(PENDING, true));
    }

    @Test
    void aClaimKeepsTheEntrysTimeToLive() {
        store.putHandoff("c1", HANDOFF, HOUR);
        store.claimHandoff("c1");

        long ttl = client.getBucket(store.name("handoff", "c1"), StringCodec.INSTANCE)
                .remainTimeToLive();
        assertThat(ttl).isBetween(HOUR.toMillis() - 60_000, HOUR.toMillis());
    }

    @Test
    void keysAreNamedByKindAndHashOnly() {
        store.putPending("stateHash", PENDING, HOUR);
        store.putHandoff("codeHash", HANDOFF, HOUR);

        List<String> keys =
                client.getKeys().getKeysStreamByPattern(prefix + "*").sorted().toList();
        assertThat(keys).containsExactly(prefix + "weblogin:handoff:codeHash", prefix + "weblogin:state:stateHash");
    }
}
