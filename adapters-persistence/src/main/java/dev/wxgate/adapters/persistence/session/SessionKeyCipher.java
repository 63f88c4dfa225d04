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
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
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
 * <p>Several server keys make rotation possible: the first seals, every one opens ({@code wxgate.sessions.server-keys}).
 * Each key has a key id, the first 4 bytes of its SHA-256 in hex (never the key), and a sealed value names the key that
 * sealed it, so a value sealed by a key no longer configured is told apart from an altered one, and a value sealed by
 * an older key is known to need sealing again ({@link #isCurrent}).
 *
 * <p>A sealed key is base64 of: version byte (2), key id (4 bytes), nonce (12 bytes), ciphertext of the key's base64
 * text (24 bytes) and tag (16 bytes); the version and key id are authenticated too. Version 1, written before key ids,
 * has no key id ({@code 1 | nonce | ciphertext | tag}): it still opens, with whichever configured key opens it.
 */
public final class SessionKeyCipher {
    /** The server key's length: 256 bits. */
    public static final int KEY_BYTES = 32;

    private static final byte VERSION_1 = 1;
    private static final byte VERSION = 2;
    private static final int KEY_ID_BYTES = 4;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** The configured keys, the sealing one first. */
    private final List<ServerKey> keys;

    private record ServerKey(SecretKeySpec spec, byte[] id, String hexId) {}

    /** @param serverKey 32 bytes; copied */
    public SessionKeyCipher(byte[] serverKey) {
        this(List.of(serverKey));
    }

    /**
     * @param serverKeys 32 bytes each, at least one, no two alike; the first seals, all open; copied
     * @throws IllegalArgumentException naming the position of a key of the wrong length, or a key given twice
     */
    public SessionKeyCipher(List<byte[]> serverKeys) {
        if (serverKeys == null || serverKeys.isEmpty()) {
            throw new IllegalArgumentException("at least one session server key is required");
        }
        List<ServerKey> parsed = new ArrayList<>();
        for (byte[] serverKey : serverKeys) {
            if (serverKey == null || serverKey.length != KEY_BYTES) {
                throw new IllegalArgumentException("the session server key must be " + KEY_BYTES + " bytes");
            }
            byte[] id = Arrays.copyOf(sha256(serverKey), KEY_ID_BYTES);
            String hexId = HexFormat.of().formatHex(id);
            if (parsed.stream().anyMatch(known -> known.hexId.equals(hexId))) {
                throw new IllegalArgumentException("the session server key " + hexId + " is listed twice");
            }
            parsed.add(new ServerKey(new SecretKeySpec(serverKey.clone(), "AES"), id, hexId));
        }
        this.keys = List.copyOf(parsed);
    }

    /** A cipher with the server key as configured: base64 (standard or URL-safe) of 32 bytes. */
    public static SessionKeyCipher fromBase64(String serverKey) {
        return new SessionKeyCipher(decode(serverKey));
    }

    /** A cipher with the server keys as configured, each base64 of 32 bytes: the first seals, all open. */
    public static SessionKeyCipher fromBase64(List<String> serverKeys) {
        if (serverKeys == null || serverKeys.isEmpty()) {
            throw new IllegalArgumentException("at least one session server key is required");
        }
        return new SessionKeyCipher(
                serverKeys.stream().map(SessionKeyCipher::decode).toList());
    }

    private static byte[] decode(String serverKey) {
        if (serverKey == null || serverKey.isBlank()) {
            throw new IllegalArgumentException(
                    "the session server key is required (base64 of " + KEY_BYTES + " bytes)");
        }
        String trimmed = serverKey.trim();
        try {
            return trimmed.indexOf('-') >= 0 || trimmed.indexOf('_') >= 0
                    ? Base64.getUrlDecoder().decode(trimmed)
                    : Base64.getDecoder().decode(trimmed);
        } catch (IllegalArgumentException notBase64) {
            throw new IllegalArgumentException("the session server key must be base64 of " + KEY_BYTES + " bytes");
        }
    }

    /** The key ids of the configured keys, the sealing one first: safe to log and show. */
    public List<String> keyIds() {
        return keys.stream().map(ServerKey::hexId).toList();
    }

    /**
     * The id of the key that sealed {@code sealed}, as the value says (it may name a key no longer configured); empty
     * for a value written before key ids, or one that is not a sealed value at all.
     */
    public Optional<String> keyIdOf(String sealed) {
        byte[] bytes = bytes(sealed);
        if (bytes == null || bytes.length <= 1 + KEY_ID_BYTES + NONCE_BYTES || bytes[0] != VERSION) {
            return Optional.empty();
        }
        return Optional.of(HexFormat.of().formatHex(bytes, 1, 1 + KEY_ID_BYTES));
    }

    /** Whether {@code sealed} names the sealing key: false for an older key's value, or one written before key ids. */
    public boolean isCurrent(String sealed) {
        return keyIdOf(sealed).filter(keys.getFirst().hexId::equals).isPresent();
    }

    /** Whether {@code sealed} names a key that is not configured here (so it cannot open, whatever else is right). */
    public boolean isSealedByUnknownKey(String sealed) {
        return keyIdOf(sealed).filter(id -> !keyIds().contains(id)).isPresent();
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
        ServerKey key = keys.getFirst();
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        byte[] header =
                ByteBuffer.allocate(1 + KEY_ID_BYTES).put(VERSION).put(key.id).array();
        try {
            Cipher cipher = cipher(key, Cipher.ENCRYPT_MODE, nonce, header, context);
            byte[] sealed = cipher.doFinal(clearText.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder()
                    .encodeToString(ByteBuffer.allocate(header.length + NONCE_BYTES + sealed.length)
                            .put(header)
                            .put(nonce)
                            .put(sealed)
                            .array());
        } catch (GeneralSecurityException impossible) {
            throw new IllegalStateException("AES-GCM is not available", impossible);
        }
    }

    /**
     * What {@link #seal(String, String)} sealed, with any of the configured keys; empty when sealed by a key not
     * configured here, for another context, or altered.
     */
    public Optional<String> open(String sealed, String context) {
        byte[] bytes = bytes(sealed);
        if (bytes == null || bytes.length == 0) {
            return Optional.empty();
        }
        if (bytes[0] == VERSION_1 && bytes.length > 1 + NONCE_BYTES) {
            // Written before key ids: whichever configured key opens it sealed it.
            byte[] nonce = Arrays.copyOfRange(bytes, 1, 1 + NONCE_BYTES);
            for (ServerKey key : keys) {
                Optional<String> text = open(key, nonce, null, context, bytes, 1 + NONCE_BYTES);
                if (text.isPresent()) {
                    return text;
                }
            }
            return Optional.empty();
        }
        int header = 1 + KEY_ID_BYTES;
        if (bytes[0] != VERSION || bytes.length <= header + NONCE_BYTES) {
            return Optional.empty();
        }
        byte[] id = Arrays.copyOfRange(bytes, 1, header);
        for (ServerKey key : keys) {
            if (Arrays.equals(key.id, id)) {
                byte[] nonce = Arrays.copyOfRange(bytes, header, header + NONCE_BYTES);
                return open(key, nonce, Arrays.copyOf(bytes, header), context, bytes, header + NONCE_BYTES);
            }
        }
        return Optional.empty();
    }

    private static Optional<String> open(
            ServerKey key, byte[] nonce, byte[] header, String context, byte[] bytes, int from) {
        try {
            Cipher cipher = cipher(key, Cipher.DECRYPT_MODE, nonce, header, context);
            byte[] raw = cipher.doFinal(bytes, from, bytes.length - from);
            return Optional.of(new String(raw, StandardCharsets.UTF_8));
        } catch (GeneralSecurityException unopenable) {
            return Optional.empty();
        }
    }

    private static byte[] bytes(String sealed) {
        if (sealed == null) {
            return null;
        }
        try {
            return Base64.getDecoder().decode(sealed);
        } catch (IllegalArgumentException notBase64) {
            return null;
        }
    }

    private static String sessionContext(SessionId boundTo) {
        return "wxgate session " + boundTo.value();
    }

    /** {@code header} (version and key id) is authenticated with the context; version 1 had none. */
    private static Cipher cipher(ServerKey key, int mode, byte[] nonce, byte[] header, String context)
            throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, key.spec, new GCMParameterSpec(TAG_BITS, nonce));
        if (header != null) {
            cipher.updateAAD(header);
        }
        cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
        return cipher;
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("every JDK has SHA-256", impossible);
        }
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
