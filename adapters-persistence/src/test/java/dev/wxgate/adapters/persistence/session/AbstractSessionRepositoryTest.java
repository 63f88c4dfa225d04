package dev.wxgate.adapters.persistence.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.wxgate.domain.Page;
import dev.wxgate.domain.PageRequest;
import dev.wxgate.domain.app.AppId;
import dev.wxgate.domain.session.Session;
import dev.wxgate.domain.session.SessionId;
import dev.wxgate.domain.session.SessionKey;
import dev.wxgate.domain.session.SessionPolicy;
import dev.wxgate.domain.session.SessionRepository;
import dev.wxgate.domain.session.SessionToken;
import dev.wxgate.domain.session.UserSnapshot;
import dev.wxgate.domain.user.Identity;
import dev.wxgate.domain.user.OpenId;
import dev.wxgate.domain.user.Profile;
import dev.wxgate.domain.user.UnionId;
import dev.wxgate.domain.user.UserId;
import dev.wxgate.testfixtures.MutableClock;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link SessionRepository}, run against every store. Time moves only by the test's clock; each test
 * gets a store of its own (for Redis: a key prefix of its own).
 */
abstract class AbstractSessionRepositoryTest {
    static final Instant START = Instant.parse("2026-11-24T08:00:00Z");
    static final SessionPolicy POLICY =
            new SessionPolicy(Duration.ofMinutes(30), Duration.ofHours(2), 3, Duration.ofSeconds(30));
    static final Identity IDENTITY = new Identity(
            AppId.of("wx0123456789abcdef"), new OpenId("oUpF8uMuAJO_M2pxb1Q9zNjWeS6o"), Optional.of(new UnionId("u1")));
    private static final SecureRandom RANDOM = new SecureRandom();

    final MutableClock clock = new MutableClock(START);
    final SessionKeyCipher cipher = new SessionKeyCipher(randomBytes(32));
    SessionRepository store;

    /** A new, empty store of the kind under test. */
    abstract SessionRepository createStore(SessionPolicy policy, SessionKeyCipher cipher, Clock clock);

    @BeforeEach
    void newStore() {
        store = createStore(POLICY, cipher, clock);
    }

    @Test
    void aSavedSessionIsFoundByItsTokenOnly() {
        UserId user = randomUser();
        SessionToken token = SessionToken.random();
        Session session = newSession(user);

        store.save(token, session);

        assertThat(store.findByToken(token)).contains(session);
        assertThat(store.findByToken(SessionToken.random())).isEmpty();
        assertThat(store.findByUser(user)).containsExactly(session);
    }

    @Test
    void aWebLoginSessionWithoutSessionKeyIsStoredAndTouchedAsItIs() {
        UserId user = randomUser();
        SessionToken token = SessionToken.random();
        Session session = Session.start(SessionId.random(), user, IDENTITY, Optional.empty(), clock.instant(), POLICY);

        store.save(token, session);
        clock.advance(Duration.ofMinutes(1));

        assertThat(store.findByToken(token)).contains(session);
        assertThat(store.touch(token)).map(Session::sessionKey).contains(Optional.empty());
        assertThat(store.findByUser(user)).hasSize(1);
    }

    @Test
    void savingAnExistingSessionIdIsRefused() {
        Session session = newSession(randomUser());
        store.save(SessionToken.random(), session);

        assertThatIllegalArgumentException().isThrownBy(() -> store.save(SessionToken.random(), session));
    }

    @Test
    void findingDoesNotExtendTheSessionButTouchingSlidesIt() {
        SessionToken token = SessionToken.random();
        Session session = newSession(randomUser());
        store.save(token, session);
        clock.advance(Duration.ofMinutes(20));

        assertThat(store.findByToken(token)).map(Session::expiresAt).contains(START.plus(Duration.ofMinutes(30)));
        Optional<Session> touched = store.touch(token);

        assertThat(touched).map(Session::expiresAt).contains(START.plus(Duration.ofMinutes(50)));
        assertThat(touched).map(Session::lastSeenAt).contains(START.plus(Duration.ofMinutes(20)));
        assertThat(store.findByToken(token)).isEqualTo(touched);
        assertThat(touched.orElseThrow().sessionKey()).isEqualTo(session.sessionKey());
    }

    @Test
    void anIdleSessionExpires() {
        UserId user = randomUser();
        SessionToken token = SessionToken.random();
        store.save(token, newSession(user));

        clock.advance(Duration.ofMinutes(30));

        assertThat(store.findByToken(token)).isEmpty();
        assertThat(store.touch(token)).isEmpty();
        assertThat(store.findByUser(user)).isEmpty();
        assertThat(store.findActive(PageRequest.of(0, 10)).total()).isZero();
    }

    @Test
    void aBusySessionEndsAtItsAbsoluteLifetime() {
        SessionToken token = SessionToken.random();
        store.save(token, newSession(randomUser()));

        for (int minute = 20; minute <= 100; minute += 20) {
            clock.advance(Duration.ofMinutes(20));
            assertThat(store.touch(token)).as("touch at minute %d", minute).isPresent();
        }
        assertThat(store.findByToken(token)).map(Session::expiresAt).contains(START.plus(POLICY.absoluteLifetime()));
        clock.advance(Duration.ofMinutes(20));

        assertThat(store.touch(token)).isEmpty();
        assertThat(store.findByToken(token)).isEmpty();
    }

    @Test
    void aNewSessionBeyondTheCapEvictsTheUsersOldest() {
        UserId user = randomUser();
        UserId otherUser = randomUser();
        SessionToken otherUsersToken = SessionToken.random();
        store.save(otherUsersToken, newSession(otherUser));
        List<SessionToken> tokens = new ArrayList<>();
        List<Session> sessions = new ArrayList<>();
        for (int i = 0; i < POLICY.maxSessionsPerUser() + 1; i++) {
            clock.advance(Duration.ofSeconds(1));
            tokens.add(SessionToken.random());
            sessions.add(newSession(user));
            store.save(tokens.getLast(), sessions.getLast());
        }

        assertThat(store.findByToken(tokens.getFirst())).isEmpty();
        assertThat(store.findByToken(tokens.get(1))).isPresent();
        assertThat(store.findByUser(user))
                .extracting(Session::id)
                .containsExactly(
                        sessions.get(3).id(),
                        sessions.get(2).id(),
                        sessions.get(1).id());
        assertThat(store.findByToken(otherUsersToken)).isPresent();
        assertThat(store.findActive(PageRequest.of(0, 10)).total()).isEqualTo(4);
    }

    @Test
    void concurrentLoginsOfOneUserNeverExceedTheCap() throws Exception {
        UserId user = randomUser();
        int logins = 12;
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> saves = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(logins)) {
            for (int i = 0; i < logins; i++) {
                Session session = newSession(user);
                saves.add(pool.submit(() -> {
                    start.await();
                    store.save(SessionToken.random(), session);
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> save : saves) {
                save.get();
            }
        }

        assertThat(store.findByUser(user)).hasSize(POLICY.maxSessionsPerUser());
        assertThat(store.findActive(PageRequest.of(0, 50)).total()).isEqualTo(POLICY.maxSessionsPerUser());
    }

    @Test
    void endedSessionsDoNotCountAgainstTheCap() {
        UserId user = randomUser();
        for (int i = 0; i < POLICY.maxSessionsPerUser(); i++) {
            store.save(SessionToken.random(), newSession(user));
        }
        clock.advance(Duration.ofMinutes(10));
        SessionToken survivor = SessionToken.random();
        store.save(survivor, newSession(user));
        clock.advance(Duration.ofMinutes(25));

        store.save(SessionToken.random(), newSession(user));

        assertThat(store.findByToken(survivor)).isPresent();
        assertThat(store.findByUser(user)).hasSize(2);
    }

    @Test
    void aUsersSessionsAreListedNewestFirst() {
        UserId user = randomUser();
        List<Session> sessions = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            sessions.add(newSession(user));
            store.save(SessionToken.random(), sessions.getLast());
            clock.advance(Duration.ofMinutes(1));
        }
        store.save(SessionToken.random(), newSession(randomUser()));

        assertThat(store.findByUser(user)).containsExactly(sessions.get(2), sessions.get(1), sessions.get(0));
        assertThat(store.findByUser(randomUser())).isEmpty();
    }

    @Test
    void activeSessionsAreListedInPagesMostRecentlyUsedFirst() {
        List<SessionToken> tokens = new ArrayList<>();
        List<Session> sessions = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            tokens.add(SessionToken.random());
            sessions.add(newSession(randomUser()));
            store.save(tokens.getLast(), sessions.getLast());
            clock.advance(Duration.ofMinutes(1));
        }
        store.touch(tokens.get(1));

        Page<Session> first = store.findActive(PageRequest.of(0, 2));
        Page<Session> last = store.findActive(PageRequest.of(2, 2));

        assertThat(first.total()).isEqualTo(5);
        assertThat(first.items())
                .extracting(Session::id)
                .containsExactly(sessions.get(1).id(), sessions.get(4).id());
        assertThat(last.items())
                .extracting(Session::id)
                .containsExactly(sessions.get(0).id());
        assertThat(last.hasNext()).isFalse();
        assertThat(store.findActive(PageRequest.of(3, 2)).items()).isEmpty();

        clock.advance(Duration.ofMinutes(27)); // now minute 32: sessions 0 and 2 idled out, 1 was touched at minute 5
        assertThat(store.findActive(PageRequest.of(0, 10)).items())
                .extracting(Session::id)
                .containsExactly(
                        sessions.get(1).id(),
                        sessions.get(4).id(),
                        sessions.get(3).id());
        assertThat(store.findActive(PageRequest.of(0, 10)).total()).isEqualTo(3);
    }

    @Test
    void revokingEndsOneSessionOfItsOwner() {
        UserId user = randomUser();
        SessionToken token = SessionToken.random();
        SessionToken otherToken = SessionToken.random();
        Session session = newSession(user);
        store.save(token, session);
        store.save(otherToken, newSession(user));

        assertThat(store.revoke(randomUser(), session.id()))
                .as("someone else's session")
                .isFalse();
        assertThat(store.findByToken(token)).isPresent();
        assertThat(store.revoke(user, session.id())).isTrue();

        assertThat(store.findByToken(token)).isEmpty();
        assertThat(store.touch(token)).isEmpty();
        assertThat(store.findByToken(otherToken)).isPresent();
        assertThat(store.findByUser(user)).hasSize(1);
        assertThat(store.findActive(PageRequest.of(0, 10)).total()).isEqualTo(1);
        assertThat(store.revoke(user, session.id())).as("revoked twice").isFalse();
        assertThat(store.revoke(user, SessionId.random())).isFalse();
    }

    @Test
    void revokingAllEndsEveryLiveSessionOfTheUser() {
        UserId user = randomUser();
        SessionToken othersToken = SessionToken.random();
        store.save(othersToken, newSession(randomUser()));
        List<SessionToken> tokens = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            tokens.add(SessionToken.random());
            store.save(tokens.getLast(), newSession(user));
        }
        SessionToken rotated = SessionToken.random();
        store.rotate(tokens.getFirst(), rotated);

        assertThat(store.revokeAll(user)).isEqualTo(3);

        assertThat(tokens)
                .allSatisfy(token -> assertThat(store.findByToken(token)).isEmpty());
        assertThat(store.findByToken(rotated)).isEmpty();
        assertThat(store.findByUser(user)).isEmpty();
        assertThat(store.findByToken(othersToken)).isPresent();
        assertThat(store.revokeAll(user)).isZero();
    }

    @Test
    void aSessionKeepsTheSnapshotOfItsUserThroughTouchesAndRotations() {
        UserSnapshot snapshot = new UserSnapshot(
                Optional.of(new UnionId("uUnion")),
                Profile.of("梅 Mei 🌸", "https://example.com/avatar.png"),
                START.minus(Duration.ofDays(3)).plusNanos(1_000));
        SessionToken token = SessionToken.random();
        Session session = newSession(randomUser()).withUser(snapshot);

        store.save(token, session);
        clock.advance(Duration.ofMinutes(1));
        SessionToken next = SessionToken.random();

        assertThat(store.findByToken(token)).contains(session);
        assertThat(store.touch(token)).flatMap(Session::user).contains(snapshot);
        assertThat(store.rotate(token, next)).flatMap(Session::user).contains(snapshot);
        assertThat(store.touch(next)).flatMap(Session::user).contains(snapshot);
        assertThat(store.findByUser(session.userId()))
                .singleElement()
                .extracting(Session::user)
                .isEqualTo(Optional.of(snapshot));
    }

    @Test
    void aNewUserSnapshotIsWrittenIntoEveryLiveSessionOfThatUserOnly() {
        UserId user = randomUser();
        UserSnapshot old = new UserSnapshot(
                Optional.of(new UnionId("uUnion")), Profile.of("Mei", "https://example.com/a.png"), START);
        SessionToken ended = SessionToken.random();
        store.save(ended, newSession(user).withUser(old));
        clock.advance(Duration.ofMinutes(20));
        SessionToken withSnapshot = SessionToken.random();
        store.save(withSnapshot, newSession(user).withUser(old));
        SessionToken withoutSnapshot = SessionToken.random();
        store.save(withoutSnapshot, newSession(user));
        SessionToken othersToken = SessionToken.random();
        store.save(othersToken, newSession(randomUser()).withUser(old));
        clock.advance(Duration.ofMinutes(15));
        UserSnapshot changed = new UserSnapshot(Optional.empty(), Profile.of("Mei Mei", null), START);

        assertThat(store.updateUserSnapshot(user, changed)).isEqualTo(2);

        assertThat(store.touch(withSnapshot)).flatMap(Session::user).contains(changed);
        assertThat(store.findByToken(withoutSnapshot)).flatMap(Session::user).contains(changed);
        assertThat(store.findByToken(ended)).isEmpty();
        assertThat(store.findByToken(othersToken)).flatMap(Session::user).contains(old);
        assertThat(store.findByUser(user)).hasSize(2);
        assertThat(store.updateUserSnapshot(randomUser(), changed)).isZero();
    }

    @Test
    void aNewSessionKeyIsWrittenIntoEveryLiveSessionOfThatUserInThatAppOnly() {
        UserId user = randomUser();
        SessionToken ended = SessionToken.random();
        Session endedSession = newSession(user);
        store.save(ended, endedSession);
        clock.advance(Duration.ofMinutes(20));
        SessionToken first = SessionToken.random();
        store.save(first, newSession(user));
        SessionToken rotated = SessionToken.random();
        SessionToken second = SessionToken.random();
        store.save(second, newSession(user));
        store.rotate(second, rotated);
        Identity otherApp = new Identity(AppId.of("wxfedcba9876543210"), IDENTITY.openId(), IDENTITY.unionId());
        SessionToken ofOtherApp = SessionToken.random();
        Session otherAppSession =
                Session.start(SessionId.random(), user, otherApp, randomKey(), clock.instant(), POLICY);
        store.save(ofOtherApp, otherAppSession);
        SessionToken othersToken = SessionToken.random();
        Session othersSession = newSession(randomUser());
        store.save(othersToken, othersSession);
        clock.advance(Duration.ofMinutes(15));
        SessionKey renewed = randomKey();

        assertThat(store.updateSessionKey(user, IDENTITY.appId(), renewed)).isEqualTo(2);

        assertThat(store.touch(first)).flatMap(Session::sessionKey).contains(renewed);
        assertThat(store.findByToken(rotated)).flatMap(Session::sessionKey).contains(renewed);
        assertThat(store.findByToken(ofOtherApp)).flatMap(Session::sessionKey).isEqualTo(otherAppSession.sessionKey());
        assertThat(store.findByToken(othersToken)).flatMap(Session::sessionKey).isEqualTo(othersSession.sessionKey());
        assertThat(store.findByToken(ended)).isEmpty();
        assertThat(store.findByUser(user)).hasSize(3);
        assertThat(store.updateSessionKey(randomUser(), IDENTITY.appId(), renewed))
                .isZero();
    }

    @Test
    void aRotatedTokenWorksForTheGracePeriodOnly() {
        SessionToken old = SessionToken.random();
        SessionToken fresh = SessionToken.random();
        Session session = newSession(randomUser());
        store.save(old, session);
        clock.advance(Duration.ofMinutes(10));

        Optional<Session> rotated = store.rotate(old, fresh);

        assertThat(rotated).map(Session::id).contains(session.id());
        assertThat(rotated).map(Session::expiresAt).contains(START.plus(Duration.ofMinutes(40)));
        assertThat(store.findByToken(fresh)).isEqualTo(rotated);
        clock.advance(POLICY.refreshGrace().minusSeconds(1));
        assertThat(store.touch(old)).map(Session::id).contains(session.id());
        clock.advance(Duration.ofSeconds(1));

        assertThat(store.findByToken(old)).isEmpty();
        assertThat(store.touch(old)).isEmpty();
        assertThat(store.findByToken(fresh)).map(Session::id).contains(session.id());
        assertThat(store.findByUser(session.userId())).hasSize(1);
    }

    @Test
    void rotatingTwiceKeepsEachReplacedTokenForItsOwnGracePeriod() {
        SessionToken first = SessionToken.random();
        SessionToken second = SessionToken.random();
        SessionToken third = SessionToken.random();
        store.save(first, newSession(randomUser()));

        store.rotate(first, second);
        clock.advance(Duration.ofSeconds(20));
        assertThat(store.rotate(second, third)).isPresent();
        clock.advance(Duration.ofSeconds(9));

        assertThat(store.findByToken(first)).isPresent();
        assertThat(store.findByToken(second)).isPresent();
        clock.advance(Duration.ofSeconds(1));
        assertThat(store.findByToken(first)).isEmpty();
        assertThat(store.findByToken(second)).isPresent();
        clock.advance(Duration.ofSeconds(20));
        assertThat(store.findByToken(second)).isEmpty();
        assertThat(store.findByToken(third)).isPresent();
    }

    @Test
    void aTokenInItsGracePeriodCanRotateAgainWhichEndsTheUnusedReplacement() {
        SessionToken first = SessionToken.random();
        SessionToken lost = SessionToken.random();
        SessionToken retried = SessionToken.random();
        store.save(first, newSession(randomUser()));
        store.rotate(first, lost); // the answer never reached the client, which retries with its old token
        clock.advance(Duration.ofSeconds(5));

        assertThat(store.rotate(first, retried)).isPresent();
        clock.advance(Duration.ofSeconds(30));

        assertThat(store.findByToken(retried)).isPresent();
        assertThat(store.findByToken(lost)).isEmpty();
        assertThat(store.findByToken(first)).isEmpty();
    }

    @Test
    void rotatingAnUnknownOrEndedTokenDoesNothing() {
        SessionToken fresh = SessionToken.random();
        assertThat(store.rotate(SessionToken.random(), fresh)).isEmpty();
        assertThat(store.findByToken(fresh)).isEmpty();

        SessionToken token = SessionToken.random();
        Session session = newSession(randomUser());
        store.save(token, session);
        store.revoke(session.userId(), session.id());
        assertThat(store.rotate(token, fresh)).isEmpty();
        assertThat(store.findByToken(fresh)).isEmpty();
    }

    @Test
    void revocationEndsTokensInTheirGracePeriodToo() {
        SessionToken old = SessionToken.random();
        SessionToken fresh = SessionToken.random();
        Session session = newSession(randomUser());
        store.save(old, session);
        store.rotate(old, fresh);

        assertThat(store.revoke(session.userId(), session.id())).isTrue();

        assertThat(store.findByToken(old)).isEmpty();
        assertThat(store.findByToken(fresh)).isEmpty();
    }

    Session newSession(UserId user) {
        return Session.start(
                SessionId.random(),
                user,
                IDENTITY,
                SessionKey.of(Base64.getEncoder().encodeToString(randomBytes(16))),
                clock.instant(),
                POLICY);
    }

    static SessionKey randomKey() {
        return SessionKey.of(Base64.getEncoder().encodeToString(randomBytes(16)));
    }

    static UserId randomUser() {
        return new UserId(ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE));
    }

    static byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
