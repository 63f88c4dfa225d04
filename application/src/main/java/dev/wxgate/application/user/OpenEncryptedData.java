package dev.wxgate.application.user;

import dev.wxgate.domain.session.Session;
import dev.wxgate.domain.wechat.EncryptedDataCipher;

/**
 * Use case: the mini-program hands over {@code encryptedData} from a WeChat API; wxgate opens it with the session's
 * session_key, which never leaves the server, and checks the watermark names this app.
 */
public final class OpenEncryptedData {
    private final EncryptedDataCipher cipher;

    public OpenEncryptedData(EncryptedDataCipher cipher) {
        this.cipher = cipher;
    }

    /** The decrypted JSON object. */
    public String open(Session session, String encryptedData, String iv) {
        return cipher.decrypt(
                session.identity().appId(),
                session.sessionKey().orElseThrow(NoSessionKeyException::new),
                encryptedData,
                iv);
    }
}
