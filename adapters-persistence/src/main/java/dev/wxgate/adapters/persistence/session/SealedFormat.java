package dev.wxgate.adapters.persistence.session;

import static dev.wxgate.adapters.persistence.session.ServerKeyRing.KEY_ID_BYTES;

import dev.wxgate.adapters.persistence.session.ServerKeyRing.ServerKey;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;

/**
 * The sealed value's format: AES-256-GCM with a random 96-bit nonce per sealing and a context as associated data.
 *
 * <p>Version 2 is base64 of: version byte (2), key id (4 bytes), nonce (12 bytes), ciphertext and tag (16 bytes); the
 * version and key id are authenticated too. Version 1, written before key ids, has no key id
 * ({@code 1 | nonce | ciphertext | tag}): it still opens, with whichever configured key opens it.
 */
final class SealedFormat {
    private static final byte VERSION_1 = 1;
    private static final byte VERSION = 2;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private SealedFormat() {}

    /** {@code clearText} sealed in version 2 by the ring's sealing key, bound to {@code context}. */
    static String seal(ServerKeyRing keys, String clearText, String context) {
        ServerKey key = keys.sealing();
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        byte[] header =
                ByteBuffer.allocate(1 + KEY_ID_BYTES).put(VERSION).put(key.id()).array();
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

    /** What {@code sealed} holds, in either version; empty when no key of the ring opens it for {@code context}. */
    static Optional<String> open(ServerKeyRing keys, String sealed, String context) {
        byte[] bytes = bytes(sealed);
        if (bytes == null || bytes.length == 0) {
            return Optional.empty();
        }
        if (bytes[0] == VERSION_1 && bytes.length > 1 + NONCE_BYTES) {
            // Written before key ids: whichever configured key opens it sealed it.
            byte[] nonce = Arrays.copyOfRange(bytes, 1, 1 + NONCE_BYTES);
            for (ServerKey key : keys.all()) {
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
        return keys.withId(Arrays.copyOfRange(bytes, 1, header)).flatMap(key -> {
            byte[] nonce = Arrays.copyOfRange(bytes, header, header + NONCE_BYTES);
            return open(key, nonce, Arrays.copyOf(bytes, header), context, bytes, header + NONCE_BYTES);
        });
    }

    /** The key id a version 2 value names; empty for version 1 or what is not a sealed value. */
    static Optional<String> keyIdOf(String sealed) {
        byte[] bytes = bytes(sealed);
        if (bytes == null || bytes.length <= 1 + KEY_ID_BYTES + NONCE_BYTES || bytes[0] != VERSION) {
            return Optional.empty();
        }
        return Optional.of(HexFormat.of().formatHex(bytes, 1, 1 + KEY_ID_BYTES));
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

    /** {@code header} (version and key id) is authenticated with the context; version 1 had none. */
    private static Cipher cipher(ServerKey key, int mode, byte[] nonce, byte[] header, String context)
            throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, key.spec(), new GCMParameterSpec(TAG_BITS, nonce));
        if (header != null) {
            cipher.updateAAD(header);
        }
        cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
        return cipher;
    }
}
