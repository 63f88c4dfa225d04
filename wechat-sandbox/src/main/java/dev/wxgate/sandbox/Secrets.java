package dev.wxgate.sandbox;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Helper: random values in WeChat's shapes (from a SecureRandom), constant-time comparisons, the session-key HMAC,
 * and masking for log lines.
 */
final class Secrets {
    private static final HexFormat HEX = HexFormat.of();
    private static final String ALPHANUMERIC = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    private final SecureRandom random;

    Secrets(SecureRandom random) {
        this.random = random;
    }

    /**
     * Real tokens are a short number, "_", then URL-safe characters, ~150 today; WeChat tells clients to reserve at
     * least 512. The sandbox's are 512 long, so a client that stores fewer finds out here rather than in production.
     */
    String accessToken() {
        // "86_" + 509 characters: base64url of 382 bytes is 510 characters, cut to 509.
        return "86_"
                + Base64.getUrlEncoder()
                        .withoutPadding()
                        .encodeToString(bytes(382))
                        .substring(0, 509);
    }

    /** wx.login codes are 32 alphanumeric characters. */
    String loginCode() {
        StringBuilder code = new StringBuilder(32);
        for (int i = 0; i < 32; i++) {
            code.append(ALPHANUMERIC.charAt(random.nextInt(ALPHANUMERIC.length())));
        }
        return code.toString();
    }

    /** Phone codes in WeChat's documentation are 64 lowercase hex digits. */
    String phoneCode() {
        return HEX.formatHex(bytes(32));
    }

    /** WeChat's session_key: base64 of 16 random bytes (it is the AES-128 key of encryptedData). */
    /** A fresh 16-byte AES-CBC iv. */
    byte[] iv() {
        return bytes(16);
    }

    String sessionKey() {
        return Base64.getEncoder().encodeToString(bytes(16));
    }

    String appId() {
        return "wx" + HEX.formatHex(bytes(8));
    }

    String appSecret() {
        return HEX.formatHex(bytes(16));
    }

    int nextInt() {
        return random.nextInt();
    }

    byte[] bytes(int count) {
        byte[] bytes = new byte[count];
        random.nextBytes(bytes);
        return bytes;
    }

    /**
     * Compares digests rather than the strings, so neither the content nor the length of the expected secret leaks
     * through timing.
     */
    static boolean sameSecret(String expected, String given) {
        if (expected == null || given == null) {
            return false;
        }
        return MessageDigest.isEqual(sha256(expected), sha256(given));
    }

    /** signature = hex(HMAC-SHA256(key = the session_key text's UTF-8 bytes, not base64-decoded; message = "")). */
    static String sessionSignature(String sessionKey) {
        return hmacSha256Hex(sessionKey, "");
    }

    static boolean signatureMatches(String sessionKey, String signature) {
        if (signature == null) {
            return false;
        }
        // Lower-casing the caller's input depends only on the input, so it leaks nothing about the key.
        return sameSecret(sessionSignature(sessionKey), signature.toLowerCase(java.util.Locale.ROOT));
    }

    static String sha1Hex(String text) {
        try {
            return HEX.formatHex(
                    MessageDigest.getInstance("SHA-1").digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("every JDK has SHA-1", impossible);
        }
    }

    static String hmacSha256Hex(String key, String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HEX.formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** Enough to tell two values apart in a log, never enough to use one: first four characters and the length. */
    static String mask(String secret) {
        if (secret == null) {
            return "null";
        }
        if (secret.length() < 16) {
            return "****(" + secret.length() + " chars)";
        }
        return secret.substring(0, 4) + "****(" + secret.length() + " chars)";
    }
}
