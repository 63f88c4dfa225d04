package dev.wxgate.adapters.persistence.alert;

import dev.wxgate.adapters.persistence.RedisStores;
import dev.wxgate.adapters.persistence.RedisTopology;
import dev.wxgate.domain.alert.AlertStates;
import dev.wxgate.testfixtures.RedisFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.redisson.api.RedissonClient;

/** On the standalone Redis, two clients as two nodes (one hash: a Cluster keeps it in one slot). */
class RedissonAlertStatesTest extends AbstractAlertStatesTest {
    private static RedissonClient client;
    private static RedissonClient otherClient;

    private final String prefix = RedisFixture.get().freshPrefix();
    private final RedissonAlertStates states = new RedissonAlertStates(RedisStores.of(client), prefix);
    private final RedissonAlertStates other = new RedissonAlertStates(RedisStores.of(otherClient), prefix);

    @BeforeAll
    static void connect() {
        client = RedisTopology.STANDALONE.client();
        otherClient = RedisTopology.STANDALONE.client();
    }

    @AfterAll
    static void disconnect() {
        client.shutdown();
        otherClient.shutdown();
    }

    @Override
    AlertStates states() {
        return states;
    }

    @Override
    AlertStates otherNode() {
        return other;
    }
}
