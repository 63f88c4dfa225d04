package dev.wxgate.domain.callback;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * WeChat's callback signature: SHA-1 of the parts (token, timestamp, nonce and, in encrypted modes, Encrypt) sorted
 * and joined, as lowercase hex. Checked in constant time, so timing tells a forger nothing.
 */
public final class CallbackSignature {
    private CallbackSignature() {}

    /** The signature of {@code parts}, lowercase hex. */
    public static String of(String... parts) {
        String[] sorted = parts.clone();
        for (String part : sorted) {
            if (part == null) {
                throw new IllegalArgumentException("a signed part is missing");
            }
        }
        Arrays.sort(sorted);
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            for (String part : sorted) {
                sha1.update(part.getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(sha1.digest());
        } catch (NoSuchAlgorithmException missing) {
            throw new IllegalStateException("this JVM has no SHA-1", missing);
        }
    }

    /** Whether {@code claimed} is the signature of {@code parts}; a missing claim or part never matches. */
    public static boolean matches(String claimed, String... parts) {
        if (claimed == null) {
            return false;
        }
        for (String part : parts) {
            if (part == null) {
                return false;
            }
        }
        byte[] expected = of(parts).getBytes(StandardCharsets.US_ASCII);
        byte[] given = claimed.toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(expected, given);
    }
}
