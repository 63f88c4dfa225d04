package dev.wxgate.adapters.wechat;

import dev.wxgate.domain.callback.CallbackRejectedException;
import dev.wxgate.domain.callback.CallbackRejectedException.Reason;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import java.util.random.RandomGenerator;
import java.util.regex.Pattern;
import javax.crypto.Cipher;

/**
 * Adapter part: WeChat's message encryption for one app: AES-256-CBC ({@link WechatAes}) with the key from the
 * EncodingAESKey and the IV its first 16 bytes, PKCS#7 padding to a 32-byte block checked in full, and the
 * plaintext {@code random(16) || uint32 BE length || message || appid}, whose trailing appid must be this app's.
 * Holds the key: {@code toString()} never shows it.
 */
public final class WechatMessageCrypto {
    private static final Pattern AES_KEY = Pattern.compile("[0-9A-Za-z]{43}");
    private static final int BLOCK = 32;
    private static final int RANDOM_BYTES = 16;
    private static final int HEADER = RANDOM_BYTES + 4;

    /** Larger ciphertexts are refused before decrypting: the HTTP body limit is smaller still. */
    public static final int MAX_CIPHERTEXT_BYTES = 1024 * 1024;

    private final byte[] key;
    private final byte[] iv;
    private final byte[] appId;
    private final RandomGenerator random;

    /**
     * @param encodingAesKey the 43-character EncodingAESKey
     * @param appId the app whose messages these are (the trailing appid of every plaintext)
     * @param random the source of the 16 random bytes of each encrypted reply; a {@link SecureRandom} in production
     */
    public WechatMessageCrypto(String encodingAesKey, String appId, RandomGenerator random) {
        if (encodingAesKey == null || !AES_KEY.matcher(encodingAesKey).matches()) {
            throw new IllegalArgumentException("callback.encodingAesKey must be 43 letters or digits");
        }
        byte[] raw = Base64.getDecoder().decode(encodingAesKey + "=");
        this.key = raw;
        this.iv = Arrays.copyOf(raw, 16);
        this.appId = Objects.requireNonNull(appId, "appId").getBytes(StandardCharsets.UTF_8);
        this.random = Objects.requireNonNull(random, "random");
    }

    public WechatMessageCrypto(String encodingAesKey, String appId) {
        this(encodingAesKey, appId, new SecureRandom());
    }

    /**
     * Opens an {@code Encrypt} value.
     *
     * @throws CallbackRejectedException MALFORMED (empty), BAD_BASE64, TOO_LARGE, BAD_PADDING, BAD_LENGTH (shorter than
     *     its header, or the length field lies) or WRONG_APP
     */
    public String decrypt(String encrypted) {
        if (encrypted == null || encrypted.isEmpty()) {
            throw new CallbackRejectedException(Reason.MALFORMED);
        }
        if (encrypted.length() > MAX_CIPHERTEXT_BYTES / 3 * 4 + 4) {
            throw new CallbackRejectedException(Reason.TOO_LARGE);
        }
        byte[] cipherText;
        try {
            cipherText = Base64.getDecoder().decode(encrypted);
        } catch (IllegalArgumentException notBase64) {
            throw new CallbackRejectedException(Reason.BAD_BASE64);
        }
        if (cipherText.length == 0 || cipherText.length % BLOCK != 0) {
            throw new CallbackRejectedException(Reason.BAD_PADDING);
        }
        byte[] plain = crypt(Cipher.DECRYPT_MODE, cipherText);
        int pad = WechatAes.padLength(plain, BLOCK);
        if (pad == 0) {
            throw new CallbackRejectedException(Reason.BAD_PADDING);
        }
        int contentLength = plain.length - pad;
        if (contentLength < HEADER) {
            throw new CallbackRejectedException(Reason.BAD_LENGTH);
        }
        long messageLength = ByteBuffer.wrap(plain, RANDOM_BYTES, 4).getInt() & 0xffffffffL;
        if (messageLength > contentLength - HEADER) {
            throw new CallbackRejectedException(Reason.BAD_LENGTH);
        }
        int messageEnd = HEADER + (int) messageLength;
        byte[] trailingAppId = Arrays.copyOfRange(plain, messageEnd, contentLength);
        if (!Arrays.equals(trailingAppId, appId)) {
            throw new CallbackRejectedException(Reason.WRONG_APP);
        }
        return new String(plain, HEADER, (int) messageLength, StandardCharsets.UTF_8);
    }

    /** Seals a reply as WeChat expects it, with 16 fresh random bytes in front. */
    public String encrypt(String message) {
        byte[] nonce = new byte[RANDOM_BYTES];
        random.nextBytes(nonce);
        return encrypt(message, nonce);
    }

    /** Seals {@code message} behind the given 16 bytes; package-private, for WeChat's published example. */
    String encrypt(String message, byte[] randomPrefix) {
        if (randomPrefix.length != RANDOM_BYTES) {
            throw new IllegalArgumentException("the random prefix must be 16 bytes");
        }
        byte[] body = Objects.requireNonNull(message, "message").getBytes(StandardCharsets.UTF_8);
        int contentLength = HEADER + body.length + appId.length;
        int pad = BLOCK - contentLength % BLOCK;
        ByteBuffer plain = ByteBuffer.allocate(contentLength + pad);
        plain.put(randomPrefix).putInt(body.length).put(body).put(appId);
        for (int i = 0; i < pad; i++) {
            plain.put((byte) pad);
        }
        return Base64.getEncoder().encodeToString(crypt(Cipher.ENCRYPT_MODE, plain.array()));
    }

    private byte[] crypt(int mode, byte[] input) {
        try {
            return WechatAes.crypt(mode, key, iv, input);
        } catch (GeneralSecurityException failure) {
            // Only a JVM without AES gets here: the input was checked to be whole blocks.
            throw new IllegalStateException("AES/CBC is not available", failure);
        }
    }

    @Override
    public String toString() {
        return "WechatMessageCrypto[key=****]";
    }
}
