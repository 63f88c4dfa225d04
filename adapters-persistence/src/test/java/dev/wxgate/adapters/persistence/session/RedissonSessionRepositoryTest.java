package dev.wxgate.adapters.persistence.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import dev.wxgate.adapters.persistence.RedisStores;
import dev.wxgate.adapters.persistence.RedisTopology;
import dev.wxgate.domain.PageRequest;
import dev.wxgate.domain.StoreUnavailableException;
import dev.wxgate.domain.session.Session;
import dev.wxgate.domain.session.SessionPolicy;
import dev.wxgate.domain.session.SessionRepository;
import dev.wxgate.domain.session.SessionToken;
import dev.wxgate.domain.session.UserSnapshot;
import dev.wxgate.domain.user.Profile;
import dev.wxgate.domain.user.UserId;
import dev.wxgate.testfixtures.RedisFixture;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.redisson.api.RType;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;

/**
 * The session contract on Redis (standalone, Cluster and Sentinel; a key prefix per test), and what only the Redis store
 * promises: no usable secret in a dump, TTLs on what ends, and revocation seen by every node.
 */
@ParameterizedClass
@EnumSource(RedisTopology.class)
class RedissonSessionRepositoryTest extends AbstractSessionRepositoryTest {
    private static final RedisFixture REDIS = RedisFixture.get();
    private static final AtomicInteger STORES = new AtomicInteger();
    private static RedissonClient redisson;

    /** Standalone, Cluster or Sentinel: every test runs on each. */
    @Parameter
    RedisTopology topology;

    private String prefix;

    @BeforeParameterizedClassInvocation
    static void connect(RedisTopology topology) {
        redisson = client(topology);
    }

    @AfterParameterizedClassInvocation
    static void disconnect() {
        redisson.shutdown();
    }

    @Override
    SessionRepository createStore(SessionPolicy policy, SessionKeyCipher cipher, Clock clock) {
        prefix = REDIS.keyPrefix() + "sessions" + STORES.incrementAndGet() + ":";
        return new RedissonSessionRepository(RedisStores.of(redisson), prefix, policy, cipher, clock);
    }

    @Test
    void redisHoldsNeitherTokensNorSessionKeysInTheClear() {
        SessionToken token = SessionToken.random();
        SessionToken rotated = SessionToken.random();
        Session session = newSession(randomUser());
        store.save(token, session);
        store.touch(token);
        store.rotate(token, rotated);

        List<String> dump = dump();

        assertThat(dump).isNotEmpty();
        assertThat(dump).contains(prefix + "session-token:" + TokenHash.of(rotated));
        for (String secret : List.of(
                token.value(),
                rotated.value(),
                session.sessionKey().orElseThrow().reveal(),
                HexFormat.of().formatHex(session.sessionKey().orElseThrow().aesKey()))) {
            assertThat(dump).noneMatch(entry -> entry.contains(secret));
        }
    }

    @Test
    void everythingButTheConsoleIndexExpires() {
        SessionToken token = SessionToken.random();
        store.save(token, newSession(randomUser()));
        store.rotate(token, SessionToken.random());

        List<String> keys = keys();

        assertThat(keys).hasSize(5); // two tokens, the session, the user's index, the active set
        for (String key : keys) {
            long ttl = redisson.getKeys().remainTimeToLive(key);
            if (key.equals(prefix + "sessions:active")) {
                assertThat(ttl).as(key).isEqualTo(-1);
            } else {
                assertThat(ttl).as(key).isPositive();
            }
        }
    }

    @Test
    void evictionAndRevocationLeaveNoKeysBehind() {
        UserId user = randomUser();
        for (int i = 0; i < POLICY.maxSessionsPerUser() + 2; i++) {
            store.save(SessionToken.random(), newSession(user));
        }
        assertThat(keys()).hasSize(POLICY.maxSessionsPerUser() * 2 + 2);

        store.revokeAll(user);

        assertThat(keys()).isEmpty();
    }

    @Test
    void aSessionWithAnUnreadableUserSnapshotStillOpensWithoutOne() {
        SessionToken token = SessionToken.random();
        Session session =
                newSession(randomUser()).withUser(new UserSnapshot(Optional.empty(), Profile.of("Mei", null), START));
        store.save(token, session);
        redisson.<String, String>getMap(
                        prefix + "user:{" + session.userId().value() + "}:session:"
                                + session.id().value(),
                        StringCodec.INSTANCE)
                .put("nickname", "bad\u0001name");

        assertThat(store.touch(token)).map(Session::id).contains(session.id());
        assertThat(store.findByToken(token)).flatMap(Session::user).isEmpty();
    }

    @Test
    void aRevocationOnOneNodeHoldsOnEveryOtherAtOnce() {
        RedissonClient otherNodesClient = client(topology);
        try {
            SessionRepository otherNode =
                    new RedissonSessionRepository(RedisStores.of(otherNodesClient), prefix, POLICY, cipher, clock);
            SessionToken token = SessionToken.random();
            Session session = newSession(randomUser());
            store.save(token, session);
            assertThat(otherNode.touch(token)).isPresent();

            store.revoke(session.userId(), session.id());

            assertThat(otherNode.findByToken(token)).isEmpty();
            assertThat(otherNode.touch(token)).isEmpty();
        } finally {
            otherNodesClient.shutdown();
        }
    }

    @Test
    void aNodeWithAnotherServerKeyOpensNoSessionAndEndsNone() {
        SessionToken token = SessionToken.random();
        store.save(token, newSession(randomUser()));
        SessionRepository misconfigured = new RedissonSessionRepository(
                RedisStores.of(redisson), prefix, POLICY, new SessionKeyCipher(randomBytes(32)), clock);

        assertThat(misconfigured.findByToken(token)).isEmpty();
        assertThat(misconfigured.touch(token)).isEmpty();
        assertThat(store.findByToken(token)).isPresent();
        assertThat(store.findActive(PageRequest.of(0, 10)).total()).isEqualTo(1);
    }

    @Test
    void aTouchSlidesTheTokenKeyWithTheSessionButNeverPastItsAbsoluteExpiry() {
        SessionToken token = SessionToken.random();
        Session session = newSession(randomUser());
        store.save(token, session);
        String tokenKey = prefix + "session-token:" + TokenHash.of(token);
        for (int i = 0; i < 5; i++) {
            clock.advance(Duration.ofMinutes(22)); // busy: never idle for the 30 minutes that would end it
            assertThat(store.touch(token)).isPresent();
        }

        Optional<Session> touched = store.touch(token);

        assertThat(touched).map(Session::expiresAt).contains(session.absoluteExpiresAt());
        long ttl = redisson.getKeys().remainTimeToLive(tokenKey);
        assertThat(ttl).isPositive().isLessThanOrEqualTo(Duration.ofMinutes(10).toMillis());
        assertThat(activeScore(session)).isEqualTo(epochMicros(session.absoluteExpiresAt()));
    }

    @Test
    void aTouchOfAReplacedTokenKeepsItsKeyToTheGracePeriod() {
        SessionToken old = SessionToken.random();
        Session session = newSession(randomUser());
        store.save(old, session);
        store.rotate(old, SessionToken.random());
        clock.advance(Duration.ofSeconds(10));

        assertThat(store.touch(old)).map(Session::id).contains(session.id());

        long ttl = redisson.getKeys().remainTimeToLive(prefix + "session-token:" + TokenHash.of(old));
        assertThat(ttl).isPositive().isLessThanOrEqualTo(POLICY.refreshGrace().toMillis());
        assertThat(activeScore(session))
                .isEqualTo(epochMicros(START.plus(Duration.ofSeconds(10)).plus(POLICY.idleTimeout())));
    }

    @Test
    void aTouchOfARevokedSessionAnswersNothingAndDropsItsTokenKey() {
        SessionToken token = SessionToken.random();
        Session session = newSession(randomUser());
        store.save(token, session);
        String tokenKey = prefix + "session-token:" + TokenHash.of(token);
        // What another node's revocation leaves when this node read the pointer just before it: the session is gone,
        // the pointer not yet.
        String pointer =
                redisson.<String>getBucket(tokenKey, StringCodec.INSTANCE).get();
        store.revoke(session.userId(), session.id());
        redisson.<String>getBucket(tokenKey, StringCodec.INSTANCE).set(pointer);

        assertThat(store.touch(token)).isEmpty();
        assertThat(redisson.getKeys().countExists(tokenKey)).isZero();
        assertThat(store.findActive(PageRequest.of(0, 10)).total()).isZero();
    }

    @Test
    void aPointerWrittenBeforeItCarriedTheAbsoluteExpiryStillOpensAndSlides() {
        SessionToken token = SessionToken.random();
        Session session = newSession(randomUser());
        store.save(token, session);
        String tokenKey = prefix + "session-token:" + TokenHash.of(token);
        redisson.<String>getBucket(tokenKey, StringCodec.INSTANCE)
                .set(session.userId().value() + ":" + session.id().value(), Duration.ofMinutes(1));
        clock.advance(Duration.ofMinutes(20));

        Optional<Session> touched = store.touch(token);

        assertThat(touched).map(Session::expiresAt).contains(START.plus(Duration.ofMinutes(50)));
        assertThat(redisson.getKeys().remainTimeToLive(tokenKey))
                .isGreaterThan(Duration.ofMinutes(29).toMillis());
        assertThat(activeScore(session)).isEqualTo(epochMicros(START.plus(Duration.ofMinutes(50))));
    }

    private double activeScore(Session session) {
        return redisson.<String>getScoredSortedSet(prefix + "sessions:active", StringCodec.INSTANCE)
                .getScore(session.userId().value() + ":" + session.id().value());
    }

    private static double epochMicros(Instant instant) {
        return SealedSession.epochMicros(instant);
    }

    @Test
    void aTouchAndAFindAreEachOneRoundTripOfOneScriptOrOnAClusterReadThePointerOnce() {
        RedisRoundTrips trips = new RedisRoundTrips();
        RedissonClient counted = client(topology, trips);
        try {
            SessionRepository node =
                    new RedissonSessionRepository(RedisStores.of(counted), prefix, POLICY, cipher, clock);
            SessionToken token = SessionToken.random();
            Session session = newSession(randomUser());
            store.save(token, session);
            node.findByToken(SessionToken.random()); // the connection is opened here, not below
            if (topology == RedisTopology.CLUSTER) {
                node.touch(token); // loads the scripts on the masters involved, which is not what is counted below
            }
            clock.advance(Duration.ofMinutes(1));

            trips.reset();
            assertThat(node.touch(token)).map(Session::id).contains(session.id());
            if (topology == RedisTopology.CLUSTER) {
                // A token and its session are in two slots (CrossSlotTouch): the pointer is read once, first, then
                // one batch slides the session (Redisson sends a batch's commands to each master they belong to).
                assertThat(trips.sinceReset()).first().isEqualTo(List.of("GET"));
                assertThat(trips.sinceReset().stream().flatMap(List::stream))
                        .containsOnlyOnce("GET")
                        .contains("EVALSHA")
                        .doesNotContain("SCRIPT");
                return;
            }
            assertThat(trips.sinceReset()).hasSize(1).allSatisfy(trip -> assertThat(trip)
                    .hasSize(1));

            trips.reset();
            assertThat(node.findByToken(token)).map(Session::id).contains(session.id());
            assertThat(node.touch(SessionToken.random())).isEmpty();
            assertThat(trips.sinceReset()).hasSize(2).allSatisfy(trip -> assertThat(trip)
                    .hasSize(1));
        } finally {
            counted.shutdown();
        }
    }

    @Test
    void anUnreachableRedisMakesTheStoreUnavailable() {
        RedissonClient client = client(topology);
        SessionRepository unreachable =
                new RedissonSessionRepository(RedisStores.of(client), prefix, POLICY, cipher, clock);
        client.shutdown();

        assertThatExceptionOfType(StoreUnavailableException.class)
                .isThrownBy(() -> unreachable.findByToken(SessionToken.random()))
                .withMessageStartingWith("Redis could not find a session");
        assertThatExceptionOfType(StoreUnavailableException.class)
                .isThrownBy(() -> unreachable.save(SessionToken.random(), newSession(randomUser())));
    }

    private List<String> keys() {
        List<String> keys = new ArrayList<>();
        redisson.getKeys().getKeysByPattern(prefix + "*").forEach(keys::add);
        return keys;
    }

    /** Every key under this test's prefix, and every value, field and member they hold. */
    private List<String> dump() {
        List<String> dump = new ArrayList<>();
        for (String key : keys()) {
            dump.add(key);
            RType type = redisson.getKeys().getType(key);
            switch (type) {
                case OBJECT ->
                    dump.add(redisson.<String>getBucket(key, StringCodec.INSTANCE)
                            .get());
                case MAP ->
                    redisson.<String, String>getMap(key, StringCodec.INSTANCE)
                            .readAllMap()
                            .forEach((field, value) -> {
                                dump.add(field);
                                dump.add(value);
                            });
                case ZSET ->
                    dump.addAll(redisson.<String>getScoredSortedSet(key, StringCodec.INSTANCE)
                            .readAll());
                default -> throw new AssertionError("unexpected " + type + " at " + key);
            }
        }
        return dump;
    }

    private static RedissonClient client(RedisTopology topology) {
        return client(topology, null);
    }

    private static RedissonClient client(RedisTopology topology, RedisRoundTrips trips) {
        return topology.client(config -> {
            if (trips != null) {
                config.setNettyHook(trips);
            }
            config.setThreads(2).setNettyThreads(2);
            RedisTopology.servers(config)
                    .setRetryAttempts(0)
                    .setPingConnectionInterval(0)
                    .setTimeout(2000);
            RedisTopology.pools(config, 1, 4);
            RedisTopology.subscriptions(config, 0, 50);
        });
    }
}
