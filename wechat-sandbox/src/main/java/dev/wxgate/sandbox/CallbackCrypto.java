package dev.wxgate.sandbox;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * WeChat's message-push cryptography, as WeChat applies it to the callbacks it sends: the SHA-1 signatures over the
 * sorted parameters, and the AES-256-CBC envelope (key from the EncodingAESKey, iv = its first 16 bytes, PKCS#7 padding
 * to a 32-byte block, plaintext = random(16) || uint32 big-endian length || message || appid).
 */
final class CallbackCrypto {
    /** WeChat pads to 32 bytes, not AES's 16: PKCS#7 with a 32-byte block. */
    static final int BLOCK = 32;

    private static final Pattern ENCODING_AES_KEY = Pattern.compile("[A-Za-z0-9+/]{43}");
    private static final HexFormat HEX = HexFormat.of();

    private final byte[] key;
    private final String appId;
    private final SecureRandom random;

    /** Refused input or a reply that does not decrypt; the message is short and never holds a key. */
    static final class Failure extends RuntimeException {
        Failure(String message) {
            super(message);
        }
    }

    /**
     * @param encodingAesKey the 43-character EncodingAESKey from WeChat's admin
     * @throws SandboxInputException when the key is not 43 base64 characters
     */
    CallbackCrypto(String encodingAesKey, String appId, SecureRandom random) {
        if (encodingAesKey == null || !ENCODING_AES_KEY.matcher(encodingAesKey).matches()) {
            throw SandboxInputException.invalid("encodingAesKey must be 43 characters of A-Z, a-z, 0-9, '+' or '/'");
        }
        this.key = Base64.getDecoder().decode(encodingAesKey + "=");
        this.appId = appId;
        this.random = random;
    }

    /** sha1 hex of the parameters sorted and joined: {@code signature} (token, timestamp, nonce) and {@code
     * msg_signature} (token, timestamp, nonce, Encrypt). */
    static String signature(String... parts) {
        String[] sorted = parts.clone();
        Arrays.sort(sorted);
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            return HEX.formatHex(sha1.digest(String.join("", sorted).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is part of every JDK", e);
        }
    }

    /** Constant-time comparison of a signature with the expected one; case-insensitive hex. */
    static boolean signatureMatches(String expected, String given) {
        if (given == null) {
            return false;
        }
        return MessageDigest.isEqual(
                expected.getBytes(StandardCharsets.US_ASCII),
                given.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
    }

    /** The Encrypt value of {@code message} with a fresh random prefix. */
    String encrypt(String message) {
        byte[] prefix = new byte[16];
        random.nextBytes(prefix);
        return encrypt(message, prefix);
    }

    String encrypt(String message, byte[] randomPrefix) {
        byte[] body = message.getBytes(StandardCharsets.UTF_8);
        byte[] id = appId.getBytes(StandardCharsets.UTF_8);
        ByteBuffer plain = ByteBuffer.allocate(16 + 4 + body.length + id.length);
        plain.put(randomPrefix, 0, 16).putInt(body.length).put(body).put(id);
        return Base64.getEncoder().encodeToString(cipher(Cipher.ENCRYPT_MODE, pad(plain.array())));
    }

    /**
     * The message inside an Encrypt value: padding checked in full, the length field checked, the trailing appid
     * checked against this app's.
     *
     * @throws Failure with a short reason when any of it is wrong
     */
    String decrypt(String encrypt) {
        byte[] sealed;
        try {
            sealed = Base64.getDecoder().decode(encrypt == null ? "" : encrypt.strip());
        } catch (IllegalArgumentException e) {
            throw new Failure("Encrypt is not base64");
        }
        if (sealed.length == 0 || sealed.length % BLOCK != 0) {
            throw new Failure("Encrypt is not a whole number of 32-byte blocks");
        }
        byte[] plain = unpad(cipher(Cipher.DECRYPT_MODE, sealed));
        if (plain.length < 20) {
            throw new Failure("decrypted text too short");
        }
        long length = ByteBuffer.wrap(plain, 16, 4).getInt() & 0xFFFF_FFFFL;
        if (length > plain.length - 20) {
            throw new Failure("message length field exceeds the decrypted text");
        }
        int end = 20 + (int) length;
        String trailing = new String(plain, end, plain.length - end, StandardCharsets.UTF_8);
        if (!trailing.equals(appId)) {
            throw new Failure("the decrypted appid is not " + appId);
        }
        return new String(plain, 20, (int) length, StandardCharsets.UTF_8);
    }

    /** PKCS#7 to a 32-byte block: always 1 to 32 bytes of value n, a full block when the text already fits. */
    static byte[] pad(byte[] text) {
        int n = BLOCK - text.length % BLOCK;
        byte[] padded = Arrays.copyOf(text, text.length + n);
        Arrays.fill(padded, text.length, padded.length, (byte) n);
        return padded;
    }

    /** Removes 32-byte PKCS#7 padding after checking every padding byte. */
    static byte[] unpad(byte[] padded) {
        if (padded.length == 0) {
            throw new Failure("bad padding");
        }
        int n = padded[padded.length - 1] & 0xFF;
        if (n < 1 || n > BLOCK || n > padded.length) {
            throw new Failure("bad padding");
        }
        int bad = 0;
        for (int i = padded.length - n; i < padded.length; i++) {
            bad |= (padded[i] & 0xFF) ^ n;
        }
        if (bad != 0) {
            throw new Failure("bad padding");
        }
        return Arrays.copyOf(padded, padded.length - n);
    }

    private byte[] cipher(int mode, byte[] input) {
        try {
            Cipher aes = Cipher.getInstance("AES/CBC/NoPadding");
            aes.init(mode, new SecretKeySpec(key, "AES"), new IvParameterSpec(key, 0, 16));
            return aes.doFinal(input);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has AES/CBC/NoPadding with 256-bit keys", e);
        }
    }

    @Override
    public String toString() {
        return "CallbackCrypto[appId=" + appId + ", key=****]";
    }
}
