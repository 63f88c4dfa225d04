package dev.wxgate.adapters.persistence.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wxgate.adapters.persistence.RedisStores;
import dev.wxgate.adapters.persistence.RedisTopology;
import dev.wxgate.domain.session.Session;
import dev.wxgate.domain.session.SessionRepository;
import dev.wxgate.domain.session.SessionToken;
import dev.wxgate.testfixtures.RedisFixture;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;

/**
 * The server key rotation on Redis (standalone, Cluster and Sentinel): nodes with different key lists on one key prefix,
 * as during a rolling deployment.
 */
@ParameterizedClass
@EnumSource(RedisTopology.class)
class RedissonServerKeyRotationTest extends AbstractServerKeyRotationTest {
    private static final RedisFixture REDIS = RedisFixture.get();
    private static final AtomicInteger PREFIXES = new AtomicInteger();
    private static RedissonClient redisson;

    @Parameter
    RedisTopology topology;

    private String prefix;

    @BeforeParameterizedClassInvocation
    static void connect(RedisTopology topology) {
        redisson = topology.client(config -> {
            config.setThreads(2).setNettyThreads(2);
            RedisTopology.servers(config).setRetryAttempts(0).setTimeout(2000);
            RedisTopology.pools(config, 1, 4);
            RedisTopology.subscriptions(config, 0, 50);
        });
    }

    @AfterParameterizedClassInvocation
    static void disconnect() {
        redisson.shutdown();
    }

    @BeforeEach
    void newPrefix() {
        prefix = REDIS.keyPrefix() + "rotation" + PREFIXES.incrementAndGet() + ":";
    }

    @Override
    SessionRepository node(SessionKeyCipher cipher) {
        return new RedissonSessionRepository(
                RedisStores.of(redisson), prefix, AbstractSessionRepositoryTest.POLICY, cipher, clock);
    }

    @Override
    boolean holds(Session session) {
        return redisson.getMap(sessionKey(session), StringCodec.INSTANCE).isExists();
    }

    private String sessionKey(Session session) {
        return prefix + "user:{" + session.userId().value() + "}:session:"
                + session.id().value();
    }

    @Test
    void aNodeThatNoLongerHasTheOldKeyEndsNothingForTheNodesThatStillHaveIt() {
        SessionToken token = SessionToken.random();
        Session session = newSession();
        node(new SessionKeyCipher(KEY_A)).save(token, session);

        assertThat(node(new SessionKeyCipher(KEY_B)).touch(token)).isEmpty();

        assertThat(holds(session)).isTrue();
        assertThat(node(new SessionKeyCipher(List.of(KEY_B, KEY_A))).touch(token))
                .isPresent();
    }

    @Test
    void sealingAgainNeverOverwritesAValueAnotherNodeWroteMeanwhile() {
        SessionToken token = SessionToken.random();
        Session session = newSession();
        node(new SessionKeyCipher(KEY_A)).save(token, session);
        String written = new SessionKeyCipher(List.of(KEY_B)).seal(session.sessionKey(), session.id());
        redisson.<String, String>getMap(sessionKey(session), StringCodec.INSTANCE)
                .put("key", written);
        SealedSession stale = SessionHashCodec.decode(
                        redisson.<String, String>getMap(sessionKey(session), StringCodec.INSTANCE)
                                .readAllMap())
                .orElseThrow();

        redisson.getScript(StringCodec.INSTANCE)
                .eval(
                        sessionKey(session),
                        org.redisson.api.RScript.Mode.READ_WRITE,
                        SessionScripts.RESEAL,
                        org.redisson.api.RScript.ReturnType.LIST,
                        List.of(sessionKey(session)),
                        "a value read before",
                        stale.sealedKey() + "x");

        assertThat(redisson.<String, String>getMap(sessionKey(session), StringCodec.INSTANCE)
                        .get("key"))
                .isEqualTo(written);
    }
}
