package dev.wxgate.domain.wechat;

import dev.wxgate.domain.app.AppId;
import dev.wxgate.domain.session.SessionKey;
import java.time.Instant;

/**
 * Secondary port: opens the {@code encryptedData} a mini-program gets from WeChat (user info, share info, legacy phone
 * number): AES-128-CBC under the session_key, PKCS#7 checked in full, and a watermark naming this app.
 */
public interface EncryptedDataCipher {

    /**
     * The decrypted JSON object, whose {@code watermark.appid} is {@code appId}.
     *
     * @param encryptedData base64 as WeChat gave it
     * @param iv base64 of 16 bytes
     * @throws EncryptedDataRejectedException when anything about the data is wrong; its reason says what, never the
     *     plaintext
     */
    default String decrypt(AppId appId, SessionKey sessionKey, String encryptedData, String iv) {
        return open(appId, sessionKey, encryptedData, iv).json();
    }

    /**
     * Like {@link #decrypt}, with the watermark's time, so the caller can refuse data older than it accepts.
     *
     * @throws EncryptedDataRejectedException as {@link #decrypt} does
     */
    Opened open(AppId appId, SessionKey sessionKey, String encryptedData, String iv);

    /** The decrypted JSON object and its {@code watermark.timestamp}, when WeChat made it. */
    record Opened(String json, Instant watermarkedAt) {
        public Opened {
            if (json == null || watermarkedAt == null) {
                throw new IllegalArgumentException("json and watermarkedAt are required");
            }
        }
    }
}
