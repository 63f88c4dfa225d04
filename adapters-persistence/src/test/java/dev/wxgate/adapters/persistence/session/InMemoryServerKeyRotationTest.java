package dev.wxgate.adapters.persistence.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wxgate.domain.session.Session;
import dev.wxgate.domain.session.SessionRepository;
import dev.wxgate.domain.session.SessionToken;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The server key rotation on the memory store: one store's sessions, read with each key list in turn. */
class InMemoryServerKeyRotationTest extends AbstractServerKeyRotationTest {
    private InMemorySessionRepository sessions;

    @Override
    SessionRepository node(SessionKeyCipher cipher) {
        sessions = sessions == null
                ? new InMemorySessionRepository(AbstractSessionRepositoryTest.POLICY, cipher, clock)
                : sessions.withCipher(cipher);
        return sessions;
    }

    @Override
    boolean holds(Session session) {
        return sessions.sizes()[0] > 0;
    }

    @Test
    void aSessionThatNoListedKeyOpensIsEnded() {
        SessionToken token = SessionToken.random();
        node(new SessionKeyCipher(KEY_A)).save(token, newSession());

        SessionRepository onlyB = node(new SessionKeyCipher(List.of(KEY_B)));
        assertThat(onlyB.touch(token)).isEmpty();

        assertThat(holds(null)).isFalse();
    }
}
