package dev.wxgate.application.jwt;

import dev.wxgate.domain.jwt.KeyId;
import dev.wxgate.domain.jwt.KeyRing;
import dev.wxgate.domain.jwt.SessionJwtClaims;
import dev.wxgate.domain.jwt.SessionJwtSigner;
import dev.wxgate.domain.jwt.SigningKey;
import dev.wxgate.domain.jwt.SigningKeyStore;
import dev.wxgate.domain.session.Session;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * Use case: a short-lived signed JWT for a live session, for services that check it against the JWKS instead of asking
 * wxgate. It lives {@code lifetime}, never past the session's own expiry; it stays valid until then even if the
 * session ends sooner. The newest key in the store signs, so every node signs with the same one.
 */
public final class IssueSessionJwt {
    private final SigningKeyStore store;
    private final SessionJwtSigner signer;
    private final RotateSigningKeys rotate;
    private final JwtSettings settings;
    private final Clock clock;

    public IssueSessionJwt(
            SigningKeyStore store,
            SessionJwtSigner signer,
            RotateSigningKeys rotate,
            JwtSettings settings,
            Clock clock) {
        this.store = store;
        this.signer = signer;
        this.rotate = rotate;
        this.settings = settings;
        this.clock = clock;
    }

    /** @param session a live session, as the bearer token opened it */
    public record Command(Session session) {}

    public record IssuedJwt(String jwt, Duration expiresIn, KeyId kid) {}

    public IssuedJwt issue(Command command) {
        Session session = command.session();
        // JWT times are whole seconds; round the expiry down so it is never later than the session's.
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant expiry = now.plus(settings.lifetime());
        Instant sessionEnd = session.expiresAt().truncatedTo(ChronoUnit.SECONDS);
        if (sessionEnd.isBefore(expiry)) {
            expiry = sessionEnd;
        }
        if (!expiry.isAfter(now)) {
            throw new SessionEndingException();
        }
        SigningKey key = signingKey();
        SessionJwtClaims claims = new SessionJwtClaims(
                settings.issuer(),
                settings.audiences(),
                session.userId(),
                session.id(),
                session.identity().appId(),
                session.identity().openId(),
                session.identity().unionId(),
                now,
                expiry,
                UUID.randomUUID().toString());
        return new IssuedJwt(signer.sign(key, claims), Duration.between(now, expiry), key.id());
    }

    private SigningKey signingKey() {
        return new KeyRing(store.all()).signing().orElseGet(() -> {
            // Only before the scheduler's first run: create the first key now rather than fail.
            rotate.rotate(RotateSigningKeys.Command.WHEN_DUE);
            return new KeyRing(store.all())
                    .signing()
                    .orElseThrow(() -> new IllegalStateException("no signing key after creating one"));
        });
    }

    /** The session ends within the second: no JWT can outlive it, so none is issued. */
    public static final class SessionEndingException extends RuntimeException {
        public SessionEndingException() {
            super("the session ends within a second; refresh it first");
        }
    }
}
