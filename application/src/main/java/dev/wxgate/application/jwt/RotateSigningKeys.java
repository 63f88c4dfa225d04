package dev.wxgate.application.jwt;

import dev.wxgate.domain.jwt.KeyId;
import dev.wxgate.domain.jwt.KeyRing;
import dev.wxgate.domain.jwt.SessionJwtSigner;
import dev.wxgate.domain.jwt.SigningKey;
import dev.wxgate.domain.jwt.SigningKeyStore;
import java.time.Clock;
import java.time.Instant;

/**
 * Use case: makes sure a key signs, and a fresh one once the signing key is {@code rotation} old; forgets retired keys
 * no live token can need. Every node runs it on a schedule; the store's one-winner generation makes one node's key
 * the next, and the others read it back.
 */
public final class RotateSigningKeys {
    private final SigningKeyStore store;
    private final SessionJwtSigner signer;
    private final JwtSettings settings;
    private final Clock clock;

    public RotateSigningKeys(SigningKeyStore store, SessionJwtSigner signer, JwtSettings settings, Clock clock) {
        this.store = store;
        this.signer = signer;
        this.settings = settings;
        this.clock = clock;
    }

    /** @param force rotate now even if the signing key is younger than the rotation period */
    public record Command(boolean force) {
        public static final Command WHEN_DUE = new Command(false);
    }

    /** @param signing the key that signs after the rotation; @param created whether this call created it */
    public record Rotation(KeyId signing, boolean created, int dropped) {}

    public Rotation rotate(Command command) {
        Instant now = clock.instant();
        KeyRing ring = new KeyRing(store.all());
        boolean created = false;
        if (command.force() || ring.rotationDue(now, settings.rotation())) {
            SigningKey next = signer.newKey(ring.nextGeneration(), now);
            // Another node may take this generation first: its key is as good, and every node reads the same one.
            created = store.add(next);
            ring = new KeyRing(store.all());
        }
        int dropped = 0;
        for (SigningKey expired : ring.expired(now, settings.verificationWindow())) {
            if (store.remove(expired.id())) {
                dropped++;
            }
        }
        SigningKey signing =
                ring.signing().orElseThrow(() -> new IllegalStateException("no signing key after a rotation"));
        return new Rotation(signing.id(), created, dropped);
    }
}
