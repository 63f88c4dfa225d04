package dev.wxgate.adapters.persistence.session;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import javax.crypto.spec.SecretKeySpec;

/**
 * The configured session server keys ({@code wxgate.sessions.server-keys}) and their key ids: the first seals, every
 * one opens. A key id is the first 4 bytes of the key's SHA-256 in hex, never the key, so it is safe to log and show.
 */
final class ServerKeyRing {
    static final int KEY_BYTES = 32;
    static final int KEY_ID_BYTES = 4;

    private static final SecureRandom RANDOM = new SecureRandom();

    /** The configured keys, the sealing one first. */
    private final List<ServerKey> keys;

    /** One server key: the AES key, its key id as sealed values carry it, and in hex. */
    record ServerKey(SecretKeySpec spec, byte[] id, String hexId) {}

    /**
     * @param serverKeys 32 bytes each, at least one, no two alike; copied
     * @throws IllegalArgumentException naming a key of the wrong length, or a key given twice
     */
    ServerKeyRing(List<byte[]> serverKeys) {
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

    /** A server key as configured: base64 (standard or URL-safe), checked for its length by the constructor. */
    static byte[] decode(String serverKey) {
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

    /** A new random server key, base64. */
    static String generate() {
        byte[] bytes = new byte[KEY_BYTES];
        RANDOM.nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    /** The key that seals. */
    ServerKey sealing() {
        return keys.getFirst();
    }

    /** Every configured key, the sealing one first: a value without key id may have been sealed by any. */
    List<ServerKey> all() {
        return keys;
    }

    /** The configured key whose key id is {@code id}, if any. */
    Optional<ServerKey> withId(byte[] id) {
        return keys.stream().filter(key -> Arrays.equals(key.id, id)).findFirst();
    }

    /** The key ids, the sealing one first. */
    List<String> keyIds() {
        return keys.stream().map(ServerKey::hexId).toList();
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("every JDK has SHA-256", impossible);
        }
    }
}
