package dev.wxgate.domain.session;

import dev.wxgate.domain.Require;
import java.util.Base64;

/**
 * The session_key WeChat issues at login: base64 of 16 bytes, the AES key of the user's encryptedData. It stays on
 * the server; {@code toString()} never shows it.
 */
public final class SessionKey {
    private final String base64;

    private SessionKey(String base64) {
        Require.present(base64, "session_key");
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException notBase64) {
            throw new IllegalArgumentException("session_key must be base64");
        }
        if (raw.length != 16) {
            throw new IllegalArgumentException("session_key must encode 16 bytes");
        }
        this.base64 = base64;
    }

    public static SessionKey of(String base64) {
        return new SessionKey(base64);
    }

    /** The key as WeChat sent it (base64 text). */
    public String reveal() {
        return base64;
    }

    public byte[] aesKey() {
        return Base64.getDecoder().decode(base64);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SessionKey that && base64.equals(that.base64);
    }

    @Override
    public int hashCode() {
        return base64.hashCode();
    }

    @Override
    public String toString() {
        return "SessionKey[****]";
    }
}
