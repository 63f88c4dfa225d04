package dev.wxgate.adapters.persistence.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.wxgate.domain.session.SessionId;
import dev.wxgate.domain.session.SessionKey;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
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
    void withSeveralKeysTheFirstSealsAndEveryOneOpens() {
        String a = SessionKeyCipher.generateKey();
        String b = SessionKeyCipher.generateKey();
        SessionKeyCipher onlyA = SessionKeyCipher.fromBase64(a);
        SessionKeyCipher bThenA = SessionKeyCipher.fromBase64(List.of(b, a));
        String sealedByA = onlyA.seal(KEY, SESSION);
        String sealedByB = bThenA.seal(KEY, SESSION);

        assertThat(bThenA.open(sealedByA, SESSION)).contains(KEY);
        assertThat(bThenA.isCurrent(sealedByA))
                .as("sealed by an older key: to be sealed again")
                .isFalse();
        assertThat(bThenA.isCurrent(sealedByB)).isTrue();
        assertThat(bThenA.keyIdOf(sealedByB)).contains(bThenA.keyIds().getFirst());
        assertThat(bThenA.keyIdOf(sealedByA)).contains(onlyA.keyIds().getFirst());
        assertThat(SessionKeyCipher.fromBase64(List.of(a, b)).open(sealedByB, SESSION))
                .as("during a rotation a node with [A, B] opens what [B, A] sealed")
                .contains(KEY);
        assertThat(onlyA.open(sealedByB, SESSION)).isEmpty();
    }

    @Test
    void theKeyIdIsTheFirstFourBytesOfTheKeysSha256() throws Exception {
        String key = SessionKeyCipher.generateKey();
        byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                .digest(Base64.getDecoder().decode(key));

        assertThat(SessionKeyCipher.fromBase64(key).keyIds())
                .containsExactly(HexFormat.of().formatHex(digest, 0, 4))
                .noneMatch(id -> key.contains(id));
    }

    @Test
    void aValueSealedByAKeyNoLongerListedIsToldApartFromAnAlteredOne() {
        SessionKeyCipher removed = SessionKeyCipher.fromBase64(SessionKeyCipher.generateKey());
        SessionKeyCipher current = SessionKeyCipher.fromBase64(SessionKeyCipher.generateKey());
        String sealedByRemoved = removed.seal(KEY, SESSION);
        byte[] altered = Base64.getDecoder().decode(current.seal(KEY, SESSION));
        altered[altered.length - 1] ^= 1;
        String alteredValue = Base64.getEncoder().encodeToString(altered);

        assertThat(current.open(sealedByRemoved, SESSION)).isEmpty();
        assertThat(current.isSealedByUnknownKey(sealedByRemoved)).isTrue();
        assertThat(current.keyIdOf(sealedByRemoved)).contains(removed.keyIds().getFirst());
        assertThat(current.open(alteredValue, SESSION)).isEmpty();
        assertThat(current.isSealedByUnknownKey(alteredValue)).isFalse();
    }

    @Test
    void theKeyIdIsAuthenticated_aValueRelabelledWithAnotherListedKeyDoesNotOpen() {
        String a = SessionKeyCipher.generateKey();
        String b = SessionKeyCipher.generateKey();
        SessionKeyCipher both = SessionKeyCipher.fromBase64(List.of(a, b));
        byte[] sealed = Base64.getDecoder().decode(both.seal(KEY, SESSION));
        byte[] idOfB = HexFormat.of().parseHex(both.keyIds().get(1));
        System.arraycopy(idOfB, 0, sealed, 1, 4);

        assertThat(both.open(Base64.getEncoder().encodeToString(sealed), SESSION))
                .isEmpty();
    }

    @Test
    void valuesSealedBeforeKeyIdsStillOpen_withWhicheverListedKeySealedThem() throws Exception {
        byte[] oldKey = randomKey();
        String oldFormat = versionOneSeal(oldKey, "wxgate session " + SESSION.value(), KEY.reveal());
        SessionKeyCipher rotated = new SessionKeyCipher(List.of(randomKey(), oldKey));

        assertThat(rotated.open(oldFormat, SESSION)).contains(KEY);
        assertThat(rotated.isCurrent(oldFormat)).isFalse();
        assertThat(rotated.keyIdOf(oldFormat)).isEmpty();
        assertThat(rotated.isSealedByUnknownKey(oldFormat)).isFalse();
        assertThat(new SessionKeyCipher(randomKey()).open(oldFormat, SESSION)).isEmpty();
        assertThat(rotated.open(oldFormat, SessionId.random())).isEmpty();
    }

    @Test
    void aKeyListedTwiceOrNoKeyIsRefused() {
        String a = SessionKeyCipher.generateKey();
        assertThatIllegalArgumentException()
                .isThrownBy(() -> SessionKeyCipher.fromBase64(List.of(a, a)))
                .withMessageEndingWith("is listed twice")
                .withMessageNotContaining(a);
        assertThatIllegalArgumentException().isThrownBy(() -> SessionKeyCipher.fromBase64(List.<String>of()));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> SessionKeyCipher.fromBase64(List.of(a, "short")))
                .withMessage("the session server key must be base64 of 32 bytes");
    }

    /** The format written before key ids: 1 | nonce | AES-GCM(text) with the context as the only associated data. */
    static String versionOneSeal(byte[] serverKey, String context, String text) throws Exception {
        byte[] nonce = new byte[12];
        new java.security.SecureRandom().nextBytes(nonce);
        Cipher aes = Cipher.getInstance("AES/GCM/NoPadding");
        aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(serverKey, "AES"), new GCMParameterSpec(128, nonce));
        aes.updateAAD(context.getBytes(StandardCharsets.UTF_8));
        byte[] sealed = aes.doFinal(text.getBytes(StandardCharsets.UTF_8));
        return Base64.getEncoder()
                .encodeToString(ByteBuffer.allocate(1 + 12 + sealed.length)
                        .put((byte) 1)
                        .put(nonce)
                        .put(sealed)
                        .array());
    }

    static byte[] randomKey() {
        return Base64.getDecoder().decode(SessionKeyCipher.generateKey());
    }

    @Test
    void toStringHidesTheKey() {
        String key = SessionKeyCipher.generateKey();
        assertThat(SessionKeyCipher.fromBase64(key).toString())
                .doesNotContain(key)
                .isEqualTo("SessionKeyCipher[****]");
    }
}
