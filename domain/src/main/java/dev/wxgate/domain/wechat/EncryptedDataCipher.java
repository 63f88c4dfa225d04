package dev.wxgate.domain.wechat;

import dev.wxgate.domain.app.AppId;
import dev.wxgate.domain.session.SessionKey;

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
    String decrypt(AppId appId, SessionKey sessionKey, String encryptedData, String iv);
}
