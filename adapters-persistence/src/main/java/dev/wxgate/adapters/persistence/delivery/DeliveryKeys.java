package dev.wxgate.adapters.persistence.delivery;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A push's delivery key as outbox_push.delivery_key holds it: as is up to the column's 255 characters (UTF-16 units, as H2 counts them), a SHA-256
 * digest beyond (WeChat's keys are far shorter; a longer one must still deduplicate, not fail the store).
 */
final class DeliveryKeys {
    static final int COLUMN_LENGTH = 255;

    private DeliveryKeys() {}

    static String stored(String deliveryKey) {
        if (deliveryKey.length() <= COLUMN_LENGTH) {
            return deliveryKey;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(deliveryKey.getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("every JDK has SHA-256", impossible);
        }
    }
}
