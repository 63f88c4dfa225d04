package dev.wxgate.benchmarks;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The driver's own WeChat for the callback scenario: builds a safe-mode push (AES-256-CBC under the EncodingAESKey,
 * 32-byte PKCS#7, {@code random(16) || length || message || appid}) and its two SHA-1 signatures, written here from
 * WeChat's published scheme rather than taken from wxgate, so the run also checks that the two agree.
 */
final class WechatPush {
    private final String token;
    private final byte[] appId;
    private final SecretKeySpec key;
    private final IvParameterSpec iv;

    WechatPush(String token, String encodingAesKey, String appId) {
        this.token = token;
        this.appId = appId.getBytes(StandardCharsets.UTF_8);
        byte[] raw = Base64.getDecoder().decode(encodingAesKey + "=");
        this.key = new SecretKeySpec(raw, "AES");
        this.iv = new IvParameterSpec(Arrays.copyOf(raw, 16));
    }

    /** A push as WeChat sends it: the query string and the XML body. */
    record Push(String query, String body) {}

    /** A text message with its own MsgId and nonce, so wxgate's deduplication sees a new delivery each time. */
    Push text(String msgId, String nonce) {
        String timestamp = Long.toString(System.currentTimeMillis() / 1000);
        String message = "<xml><ToUserName><![CDATA[gh_97417a04a28d]]></ToUserName>"
                + "<FromUserName><![CDATA[oBenchUser]]></FromUserName><CreateTime>" + timestamp + "</CreateTime>"
                + "<MsgType><![CDATA[text]]></MsgType><Content><![CDATA[hello from the benchmark]]></Content>"
                + "<MsgId>" + msgId + "</MsgId></xml>";
        String encrypted = encrypt(message);
        String query = "signature=" + sha1(token, timestamp, nonce) + "&timestamp=" + timestamp + "&nonce=" + nonce
                + "&openid=oBenchUser&encrypt_type=aes&msg_signature=" + sha1(token, timestamp, nonce, encrypted);
        String body = "<xml><ToUserName><![CDATA[gh_97417a04a28d]]></ToUserName><Encrypt><![CDATA[" + encrypted
                + "]]></Encrypt></xml>";
        return new Push(query, body);
    }

    private String encrypt(String message) {
        byte[] body = message.getBytes(StandardCharsets.UTF_8);
        byte[] random = new byte[16];
        ThreadLocalRandom.current().nextBytes(random);
        int length = 16 + 4 + body.length + appId.length;
        int pad = 32 - length % 32;
        ByteBuffer plain = ByteBuffer.allocate(length + pad);
        plain.put(random).putInt(body.length).put(body).put(appId);
        while (plain.hasRemaining()) {
            plain.put((byte) pad);
        }
        try {
            Cipher aes = Cipher.getInstance("AES/CBC/NoPadding");
            aes.init(Cipher.ENCRYPT_MODE, key, iv);
            return Base64.getEncoder().encodeToString(aes.doFinal(plain.array()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/CBC is not available", e);
        }
    }

    private static String sha1(String... parts) {
        String[] sorted = parts.clone();
        Arrays.sort(sorted);
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            for (String part : sorted) {
                sha1.update(part.getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(sha1.digest());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-1 is not available", e);
        }
    }
}
