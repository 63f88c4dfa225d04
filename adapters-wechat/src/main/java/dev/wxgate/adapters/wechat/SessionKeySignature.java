package dev.wxgate.adapters.wechat;

import dev.wxgate.domain.session.SessionKey;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Internal: the proof of a session_key that {@code /wxa/checksession} and {@code /wxa/resetusersessionkey} ask for.
 *
 * <p>It lives here, not in the domain, because it is wire protocol: nothing in wxgate's model signs with the
 * session_key (decrypting encryptedData uses the key itself, with AES). The sandbox verifies these signatures with
 * its own code, so a mistake here cannot agree with itself in the contract tests.
 */
final class SessionKeySignature {
    static final String SIG_METHOD = "hmac_sha256";
    private static final String HMAC = "HmacSHA256";

    private SessionKeySignature() {}

    /** hex(HMAC-SHA256(key, "")) where the key is the session_key's base64 text as WeChat sent it, not decoded. */
    static String of(SessionKey sessionKey) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(sessionKey.reveal().getBytes(StandardCharsets.US_ASCII), HMAC));
            return HexFormat.of().formatHex(mac.doFinal());
        } catch (GeneralSecurityException e) {
            // Every JDK must provide HmacSHA256; reaching this means a broken runtime, not a bad key.
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
