package dev.wxgate.adapters.delivery.webhook;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature of a webhook request ({@code X-Wxgate-Signature}): {@code sha256=} and the hex HMAC-SHA256, keyed by
 * the app's forward secret, of the timestamp ({@code X-Wxgate-Timestamp}), a dot, and the body's bytes; the scheme
 * of the widely used webhook signatures, so receivers check it the usual way.
 */
public final class WebhookSignature {
    private WebhookSignature() {}

    public static String of(String secret, long timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(StandardCharsets.US_ASCII));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (NoSuchAlgorithmException | InvalidKeyException missing) {
            throw new IllegalStateException("this JVM cannot compute HMAC-SHA256", missing);
        }
    }
}
