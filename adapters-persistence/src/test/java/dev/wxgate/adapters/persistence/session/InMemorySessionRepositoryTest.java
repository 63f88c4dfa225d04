package dev.wxgate.adapters.persistence.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wxgate.domain.session.SessionPolicy;
import dev.wxgate.domain.session.SessionRepository;
import dev.wxgate.domain.session.SessionToken;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The session contract on the embedded default's store, and how it keeps itself small. */
class InMemorySessionRepositoryTest extends AbstractSessionRepositoryTest {

    @Override
    SessionRepository createStore(SessionPolicy policy, SessionKeyCipher cipher, Clock clock) {
        return new InMemorySessionRepository(policy, cipher, clock);
    }

    @Test
    void savingSweepsEndedSessionsNobodyLooksFor() {
        InMemorySessionRepository memory = (InMemorySessionRepository) store;
        for (int i = 0; i < 10; i++) {
            memory.save(SessionToken.random(), newSession(randomUser()));
        }
        SessionToken rotated = SessionToken.random();
        SessionToken kept = SessionToken.random();
        memory.save(rotated, newSession(randomUser()));
        memory.rotate(rotated, kept);
        clock.advance(Duration.ofMinutes(29));
        memory.touch(kept);
        clock.advance(Duration.ofMinutes(2)); // the ten idled out, the rotated token's grace is over

        memory.save(SessionToken.random(), newSession(randomUser()));

        assertThat(memory.sizes()).as("sessions, tokens").containsExactly(2, 2);
    }

    @Test
    void aSweepLooksAtABoundedBatch() {
        InMemorySessionRepository memory = (InMemorySessionRepository) store;
        int ended = InMemorySessionTable.SWEEP_BATCH * 2;
        for (int i = 0; i < ended; i++) {
            memory.save(SessionToken.random(), newSession(randomUser()));
        }
        clock.advance(Duration.ofMinutes(31));

        memory.save(SessionToken.random(), newSession(randomUser()));

        assertThat(memory.sizes()[0]).isEqualTo(ended + 1 - InMemorySessionTable.SWEEP_BATCH);
    }
}
