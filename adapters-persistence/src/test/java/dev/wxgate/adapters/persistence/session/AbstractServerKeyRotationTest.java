package dev.wxgate.adapters.persistence.session;

import static dev.wxgate.adapters.persistence.session.AbstractSessionRepositoryTest.POLICY;
import static dev.wxgate.adapters.persistence.session.AbstractSessionRepositoryTest.START;
import static dev.wxgate.adapters.persistence.session.AbstractSessionRepositoryTest.randomUser;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wxgate.domain.session.Session;
import dev.wxgate.domain.session.SessionId;
import dev.wxgate.domain.session.SessionKey;
import dev.wxgate.domain.session.SessionRepository;
import dev.wxgate.domain.session.SessionToken;
import dev.wxgate.testfixtures.MutableClock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The rotation of the session server key, run against every store: the same stored sessions read by a node with
 * another key list, as the runbook's steps change it (docs/runbooks/session-server-key.md).
 */
abstract class AbstractServerKeyRotationTest {
    static final byte[] KEY_A = SessionKeyCipherTest.randomKey();
    static final byte[] KEY_B = SessionKeyCipherTest.randomKey();

    final MutableClock clock = new MutableClock(START);

    /** A store over the same sessions as every other this test makes (for Redis: one key prefix), with these keys. */
    abstract SessionRepository node(SessionKeyCipher cipher);

    /** Whether the store still holds the session (for Redis: its hash), whatever opens it. */
    abstract boolean holds(Session session);

    private SessionRepository node(byte[]... keys) {
        return node(new SessionKeyCipher(List.of(keys)));
    }

    @Test
    void sessionsSealedByTheOldKeyWorkAfterEachStep_andTouchedOnesAreSealedAgainByTheNewKey() {
        SessionRepository onA = node(KEY_A);
        SessionToken touched = SessionToken.random();
        SessionToken refreshed = SessionToken.random();
        SessionToken untouched = SessionToken.random();
        Session touchedSession = newSession();
        Session refreshedSession = newSession();
        onA.save(touched, touchedSession);
        onA.save(refreshed, refreshedSession);
        onA.save(untouched, newSession());

        SessionRepository addedSecond = node(KEY_A, KEY_B);
        assertThat(addedSecond.touch(touched)).map(Session::id).contains(touchedSession.id());
        SessionRepository movedFirst = node(KEY_B, KEY_A);
        assertThat(movedFirst.findByToken(untouched)).isPresent();
        assertThat(movedFirst.touch(touched)).map(Session::sessionKey).contains(touchedSession.sessionKey());
        SessionToken next = SessionToken.random();
        assertThat(movedFirst.rotate(refreshed, next)).map(Session::id).contains(refreshedSession.id());

        SessionRepository onlyB = node(KEY_B);
        assertThat(onlyB.touch(touched)).map(Session::sessionKey).contains(touchedSession.sessionKey());
        assertThat(onlyB.touch(next)).map(Session::id).contains(refreshedSession.id());
        assertThat(onlyB.touch(untouched))
                .as("sealed by A only: answered as an ended session")
                .isEmpty();
        assertThat(onlyB.findByToken(untouched)).isEmpty();
        assertThat(onlyB.rotate(untouched, SessionToken.random())).isEmpty();
    }

    @Test
    void findingDoesNotSealAgain_onlyAUseDoes() {
        SessionToken token = SessionToken.random();
        node(KEY_A).save(token, newSession());

        assertThat(node(KEY_B, KEY_A).findByToken(token)).isPresent();

        assertThat(node(KEY_A).findByToken(token)).as("still sealed by A").isPresent();
    }

    @Test
    void aSessionOfAWebLoginWithoutSessionKeyIsSealedAgainToo() {
        SessionToken token = SessionToken.random();
        Session web = Session.start(
                SessionId.random(),
                randomUser(),
                AbstractSessionRepositoryTest.IDENTITY,
                Optional.empty(),
                clock.instant(),
                POLICY);
        node(KEY_A).save(token, web);

        assertThat(node(KEY_B, KEY_A).touch(token)).isPresent();

        assertThat(node(KEY_B).touch(token)).map(Session::sessionKey).contains(Optional.empty());
    }

    @Test
    void aSessionSealedByTheOldKeyAfterItsRemovalIsRefusedLikeAnEndedOne_whateverTheCall() {
        SessionToken token = SessionToken.random();
        Session session = newSession();
        node(KEY_A).save(token, session);
        clock.advance(Duration.ofMinutes(1));

        SessionRepository onlyB = node(KEY_B);

        assertThat(onlyB.touch(token)).isEmpty();
        assertThat(onlyB.rotate(token, SessionToken.random())).isEmpty();
        assertThat(onlyB.findByUser(session.userId())).isEmpty();
    }

    Session newSession() {
        return Session.start(
                SessionId.random(),
                randomUser(),
                AbstractSessionRepositoryTest.IDENTITY,
                SessionKey.of(Base64.getEncoder().encodeToString(AbstractSessionRepositoryTest.randomBytes(16))),
                clock.instant(),
                POLICY);
    }
}
