package dev.wxgate.application.user;

import dev.wxgate.domain.session.Session;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Use case: check that {@code rawData} (from {@code wx.getUserInfo}) is what WeChat signed for this session:
 * {@code signature = hex(sha1(rawData + session_key))}, compared in constant time.
 */
public final class VerifyRawData {

    public boolean verify(Session session, String rawData, String signature) {
        byte[] expected = sha1(rawData
                + session.sessionKey().orElseThrow(NoSessionKeyException::new).reveal());
        byte[] given;
        try {
            given = HexFormat.of().parseHex(signature.toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException notHex) {
            return false;
        }
        return MessageDigest.isEqual(expected, given);
    }

    private static byte[] sha1(String text) {
        try {
            return MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("every JDK has SHA-1", impossible);
        }
    }
}
