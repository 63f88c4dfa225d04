package dev.wxgate.testfixtures;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Hand-made WeChat callback ciphertexts, byte by byte, so tests can try what WeChat would never send: broken padding,
 * a lying length, another app's id. Independent of the code under test on purpose.
 */
public final class WechatCiphertexts {
    private WechatCiphertexts() {}

    /** WeChat's plaintext layout: 16 random bytes (zeros here), the length, the message, the app id. */
    public static byte[] plaintext(String message, String appId) {
        byte[] body = message.getBytes(StandardCharsets.UTF_8);
        byte[] app = appId.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(20 + body.length + app.length)
                .put(new byte[16])
                .putInt(body.length)
                .put(body)
                .put(app)
                .array();
    }

    /** PKCS#7 to WeChat's 32-byte block. */
    public static byte[] pad(byte[] content) {
        int pad = 32 - content.length % 32;
        byte[] padded = Arrays.copyOf(content, content.length + pad);
        Arrays.fill(padded, content.length, padded.length, (byte) pad);
        return padded;
    }

    /** Encrypts whole blocks as they are under {@code encodingAesKey}, so a test controls every byte of the padding. */
    public static String seal(String encodingAesKey, byte[] blocks) {
        try {
            byte[] key = Base64.getDecoder().decode(encodingAesKey + "=");
            Cipher cipher = Cipher.getInstance("AES/CBC/NoPadding");
            cipher.init(
                    Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(Arrays.copyOf(key, 16)));
            return Base64.getEncoder().encodeToString(cipher.doFinal(blocks));
        } catch (GeneralSecurityException impossible) {
            throw new AssertionError(impossible);
        }
    }
}
