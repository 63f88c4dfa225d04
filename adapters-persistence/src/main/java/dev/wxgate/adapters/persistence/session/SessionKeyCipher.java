package dev.wxgate.adapters.persistence.session;

import dev.wxgate.domain.session.SessionId;
import dev.wxgate.domain.session.SessionKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals session_keys at rest with the server key: AES-256-GCM, a random 96-bit nonce per sealing, and the session id
 * as associated data, so a sealed key copied into another session does not open. Both session stores use it, so a dump
 * of either holds no session_key in the clear. Its {@code toString()} never shows the key.
 *
 * <p>The same server key seals the private halves of the JWT signing keys ({@link #seal(String, String)}), each bound
 * to its key id.
 *
 * <p>A sealed key is base64 of: version byte (1), nonce (12 bytes), ciphertext of the key's base64 text (24 bytes) and
 * tag (16 bytes).
 */
public final class SessionKeyCipher {
    /** The server key's length: 256 bits. */
    public static final int KEY_BYTES = 32;

    private static final byte VERSION = 1;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;

    /** @param serverKey 32 bytes; copied */
    public SessionKeyCipher(byte[] serverKey) {
        if (serverKey == null || serverKey.length != KEY_BYTES) {
            throw new IllegalArgumentException("the session server key must be " + KEY_BYTES + " bytes");
        }
        this.key = new SecretKeySpec(serverKey.clone(), "AES");
    }

    /** A cipher with the server key as configured: base64 (standard or URL-safe) of 32 bytes. */
    public static SessionKeyCipher fromBase64(String serverKey) {
        if (serverKey == null || serverKey.isBlank()) {
            throw new IllegalArgumentException(
                    "the session server key is required (base64 of " + KEY_BYTES + " bytes)");
        }
        String trimmed = serverKey.trim();
        byte[] bytes;
        try {
            bytes = trimmed.indexOf('-') >= 0 || trimmed.indexOf('_') >= 0
                    ? Base64.getUrlDecoder().decode(trimmed)
                    : Base64.getDecoder().decode(trimmed);
        } catch (IllegalArgumentException notBase64) {
            throw new IllegalArgumentException("the session server key must be base64 of " + KEY_BYTES + " bytes");
        }
        return new SessionKeyCipher(bytes);
    }

    /** A new random server key, base64, for configuration or {@link #loadOrCreate}. */
    public static String generateKey() {
        byte[] bytes = new byte[KEY_BYTES];
        RANDOM.nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    /**
     * The server key kept in {@code keyFile}, created with a new random key (readable by its owner only) when the file
     * does not exist: the embedded default's way to keep sessions readable across restarts without configuration.
     */
    public static SessionKeyCipher loadOrCreate(Path keyFile) {
        try {
            if (Files.notExists(keyFile)) {
                Path parent = keyFile.toAbsolutePath().getParent();
                if (parent != null) {
                    Files.createDirectories(parent);
                }
                try {
                    Files.createFile(keyFile, ownerOnly(keyFile));
                    Files.writeString(keyFile, generateKey() + "\n", StandardCharsets.US_ASCII);
                } catch (FileAlreadyExistsException anotherProcessWasFirst) {
                    // Its key is as good as ours; read it below.
                }
            }
            return fromBase64(Files.readString(keyFile, StandardCharsets.US_ASCII));
        } catch (IOException failed) {
            throw new UncheckedIOException("could not read or create the session server key file " + keyFile, failed);
        }
    }

    /** Seals {@code sessionKey} for the session {@code boundTo}. */
    public String seal(SessionKey sessionKey, SessionId boundTo) {
        return seal(sessionKey.reveal(), sessionContext(boundTo));
    }

    /**
     * Seals the session's session_key, or for a session without one (a web login) the empty text, so that such a
     * session too stops opening when the server key changes, like every other.
     */
    public String seal(Optional<SessionKey> sessionKey, SessionId boundTo) {
        return seal(sessionKey.map(SessionKey::reveal).orElse(""), sessionContext(boundTo));
    }

    /**
     * What {@link #seal(Optional, SessionId)} sealed: empty when it does not open (another server key, altered);
     * otherwise the session's session_key, itself empty for a session that has none.
     */
    public Optional<Optional<SessionKey>> openOptional(String sealed, SessionId boundTo) {
        Optional<String> text = open(sealed, sessionContext(boundTo));
        if (text.isEmpty()) {
            return Optional.empty();
        }
        if (text.get().isEmpty()) {
            return Optional.of(Optional.empty());
        }
        try {
            return Optional.of(Optional.of(SessionKey.of(text.get())));
        } catch (IllegalArgumentException notASessionKey) {
            return Optional.empty();
        }
    }

    /** The session_key {@code sealed} holds, or empty when it was sealed with another server key or altered. */
    public Optional<SessionKey> open(String sealed, SessionId boundTo) {
        try {
            return open(sealed, sessionContext(boundTo)).map(SessionKey::of);
        } catch (IllegalArgumentException notASessionKey) {
            return Optional.empty();
        }
    }

    /**
     * Seals other server-side secrets (the JWT signing keys' private halves) the same way, bound to {@code context}:
     * a sealed value opens only with the same context, so it cannot be moved to another row or purpose.
     */
    public String seal(String clearText, String context) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, nonce, context);
            byte[] sealed = cipher.doFinal(clearText.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder()
                    .encodeToString(ByteBuffer.allocate(1 + NONCE_BYTES + sealed.length)
                            .put(VERSION)
                            .put(nonce)
                            .put(sealed)
                            .array());
        } catch (GeneralSecurityException impossible) {
            throw new IllegalStateException("AES-GCM is not available", impossible);
        }
    }

    /** What {@link #seal(String, String)} sealed, or empty when sealed with another server key, context, or altered. */
    public Optional<String> open(String sealed, String context) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(sealed);
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
        if (bytes.length <= 1 + NONCE_BYTES || bytes[0] != VERSION) {
            return Optional.empty();
        }
        try {
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, Arrays.copyOfRange(bytes, 1, 1 + NONCE_BYTES), context);
            byte[] raw = cipher.doFinal(bytes, 1 + NONCE_BYTES, bytes.length - 1 - NONCE_BYTES);
            return Optional.of(new String(raw, StandardCharsets.UTF_8));
        } catch (GeneralSecurityException unopenable) {
            return Optional.empty();
        }
    }

    private static String sessionContext(SessionId boundTo) {
        return "wxgate session " + boundTo.value();
    }

    private Cipher cipher(int mode, byte[] nonce, String context) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
        return cipher;
    }

    private static FileAttribute<?>[] ownerOnly(Path file) {
        boolean posix = file.toAbsolutePath()
                .getFileSystem()
                .supportedFileAttributeViews()
                .contains("posix");
        return posix
                ? new FileAttribute<?>[] {
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))
                }
                : new FileAttribute<?>[0];
    }

    @Override
    public String toString() {
        return "SessionKeyCipher[****]";
    }
}
