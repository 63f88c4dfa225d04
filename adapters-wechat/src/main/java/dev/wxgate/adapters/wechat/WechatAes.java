package dev.wxgate.adapters.wechat;

import java.security.GeneralSecurityException;
import java.security.NoSuchAlgorithmException;
import javax.crypto.Cipher;
import javax.crypto.NoSuchPaddingException;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * WeChat's one cipher, shared by its message encryption and its {@code encryptedData}: AES-CBC without the JCE's
 * padding (the provider must not judge it: some are lenient, some answer differently per kind of fault), and PKCS#7
 * checked here in full and in one way, to a block of 16 (encryptedData) or 32 bytes (messages).
 */
final class WechatAes {
    private WechatAes() {}

    /**
     * Runs AES/CBC/NoPadding over whole blocks.
     *
     * @throws GeneralSecurityException when the key, iv or input do not fit; an absent algorithm is an
     *     {@link IllegalStateException}
     */
    static byte[] crypt(int mode, byte[] key, byte[] iv, byte[] input) throws GeneralSecurityException {
        Cipher aes;
        try {
            aes = Cipher.getInstance("AES/CBC/NoPadding");
        } catch (NoSuchAlgorithmException | NoSuchPaddingException missing) {
            throw new IllegalStateException("this JVM has no AES/CBC/NoPadding", missing);
        }
        aes.init(mode, new SecretKeySpec(key, "AES"), new IvParameterSpec(iv));
        return aes.doFinal(input);
    }

    /**
     * The PKCS#7 pad length (1..block) if every pad byte equals it, else 0. Looks at all the last block's bytes
     * whatever they hold, so its time says nothing about where the padding went wrong.
     */
    static int padLength(byte[] padded, int block) {
        int pad = padded[padded.length - 1] & 0xff;
        // 0 when 1 <= pad <= block, else non-zero; computed without branching on the secret byte.
        int bad = ((pad - 1) | (block - pad)) >>> 31;
        for (int i = 1; i <= block; i++) {
            int inPad = ((pad - i) >>> 31) ^ 1; // 1 when byte i from the end is a pad byte
            int differs = (padded[padded.length - i] & 0xff) ^ pad;
            bad |= inPad & ((differs | -differs) >>> 31);
        }
        return bad == 0 ? pad : 0;
    }
}
