package dev.wxgate.benchmarks.jmh;

import dev.wxgate.adapters.persistence.session.SessionKeyCipher;
import dev.wxgate.adapters.persistence.session.TokenHash;
import dev.wxgate.domain.session.SessionId;
import dev.wxgate.domain.session.SessionKey;
import dev.wxgate.domain.session.SessionToken;
import java.util.Base64;
import java.util.Optional;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * JMH: what every authenticated request and every login costs in session crypto: the SHA-256 of the bearer token the
 * stores key sessions by, and sealing (login) and opening (every request) the session_key with AES-256-GCM.
 */
@State(Scope.Benchmark)
public class SessionCryptoBenchmark {
    private SessionKeyCipher cipher;
    private SessionKey sessionKey;
    private SessionId sessionId;
    private SessionToken token;
    private String sealed;

    @Setup
    public void setUp() {
        cipher = SessionKeyCipher.fromBase64(SessionKeyCipher.generateKey());
        sessionKey = SessionKey.of(
                Base64.getEncoder().encodeToString(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16}));
        sessionId = SessionId.random();
        token = SessionToken.random();
        sealed = cipher.seal(sessionKey, sessionId);
    }

    @Benchmark
    public String tokenHash() {
        return TokenHash.of(token);
    }

    @Benchmark
    public String sealSessionKey() {
        return cipher.seal(sessionKey, sessionId);
    }

    @Benchmark
    public Optional<SessionKey> openSessionKey() {
        return cipher.open(sealed, sessionId);
    }
}
