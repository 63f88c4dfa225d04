package dev.wxgate.domain.delivery;

import dev.wxgate.domain.Require;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A stored push's identity, the same on every attempt and every sink, so receivers can be idempotent
 * ({@code X-Wxgate-Delivery-Id}).
 */
public record DeliveryId(String value) {
    private static final Pattern FORMAT =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    public DeliveryId {
        Require.matches(value, FORMAT, "deliveryId", "a UUID in lower case");
    }

    public static DeliveryId of(String value) {
        return new DeliveryId(value);
    }

    /** A new random (version 4) id. */
    public static DeliveryId random() {
        return new DeliveryId(UUID.randomUUID().toString());
    }

    @Override
    public String toString() {
        return value;
    }
}
