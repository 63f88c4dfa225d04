package dev.wxgate.adapters.persistence.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.wxgate.domain.session.SessionId;
import dev.wxgate.domain.session.SessionKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SessionKeyCipherTest {
    private static final SessionKey KEY = SessionKey.of("tiihtNczf5v6AKRyjwEUhQ==");
    private static final SessionId SESSION = SessionId.random();

    private final SessionKeyCipher cipher = SessionKeyCipher.fromBase64(SessionKeyCipher.generateKey());

    @Test
    void aSealedKeyOpensForItsSession() {
        String sealed = cipher.seal(KEY, SESSION);

        assertThat(sealed).doesNotContain(KEY.reveal());
        assertThat(cipher.open(sealed, SESSION)).contains(KEY);
    }

    @Test
    void aSessionWithoutSessionKeyIsSealedToo_andOpensOnlyWithTheSameServerKeyAndSession() {
        String sealed = cipher.seal(Optional.empty(), SESSION);
        SessionKeyCipher other = SessionKeyCipher.fromBase64(SessionKeyCipher.generateKey());

        assertThat(cipher.openOptional(sealed, SESSION)).contains(Optional.empty());
        assertThat(cipher.openOptional(cipher.seal(Optional.of(KEY), SESSION), SESSION))
                .contains(Optional.of(KEY));
        assertThat(other.openOptional(sealed, SESSION)).isEmpty();
        assertThat(cipher.openOptional(sealed, SessionId.random())).isEmpty();
    }

    @Test
    void everySealingUsesAFreshNonce() {
        assertThat(cipher.seal(KEY, SESSION)).isNotEqualTo(cipher.seal(KEY, SESSION));
    }

    @Test
    void aSealedKeyDoesNotOpenForAnotherSessionWithAnotherServerKeyOrAltered() {
        String sealed = cipher.seal(KEY, SESSION);
        byte[] altered = Base64.getDecoder().decode(sealed);
        altered[altered.length - 1] ^= 1;

        assertThat(cipher.open(sealed, SessionId.random())).isEmpty();
        assertThat(SessionKeyCipher.fromBase64(SessionKeyCipher.generateKey()).open(sealed, SESSION))
                .isEmpty();
        assertThat(cipher.open(Base64.getEncoder().encodeToString(altered), SESSION))
                .isEmpty();
        assertThat(cipher.open("not base64!", SESSION)).isEmpty();
        assertThat(cipher.open("", SESSION)).isEmpty();
    }

    @Test
    void theServerKeyIs256BitsOfBase64() {
        assertThat(Base64.getDecoder().decode(SessionKeyCipher.generateKey())).hasSize(32);
        String urlSafe = Base64.getUrlEncoder().encodeToString(new byte[] {
            -1, -2, -3, -4, -5, -6, -7, -8, -9, -10, -11, -12, -13, -14, -15, -16, -17, -18, -19, -20, -21, -22, -23,
            -24, -25, -26, -27, -28, -29, -30, -31, -32
        });
        assertThat(SessionKeyCipher.fromBase64(urlSafe)).isNotNull();
        assertThatIllegalArgumentException()
                .isThrownBy(
                        () -> SessionKeyCipher.fromBase64(Base64.getEncoder().encodeToString(new byte[16])))
                .withMessage("the session server key must be 32 bytes");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> SessionKeyCipher.fromBase64("not base64!"))
                .withMessage("the session server key must be base64 of 32 bytes");
        assertThatIllegalArgumentException().isThrownBy(() -> SessionKeyCipher.fromBase64(" "));
    }

    @Test
    void theEmbeddedDefaultKeepsItsKeyInAFileOnlyItsOwnerReads(@TempDir Path directory) throws Exception {
        Path keyFile = directory.resolve("data/session-key");

        String sealed = SessionKeyCipher.loadOrCreate(keyFile).seal(KEY, SESSION);

        assertThat(SessionKeyCipher.loadOrCreate(keyFile).open(sealed, SESSION)).contains(KEY);
        assertThat(Files.getPosixFilePermissions(keyFile)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
    }

    @Test
    void toStringHidesTheKey() {
        String key = SessionKeyCipher.generateKey();
        assertThat(SessionKeyCipher.fromBase64(key).toString())
                .doesNotContain(key)
                .isEqualTo("SessionKeyCipher[****]");
    }
}
