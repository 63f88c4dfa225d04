package dev.wxgate.adapters.delivery;

import dev.wxgate.domain.delivery.StoredPush;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * What every sink sends for a push, the same bytes on every attempt: {@code appId}, {@code deliveryId},
 * {@code msgType}, {@code event} (when one), {@code receivedAt} (epoch seconds), {@code format} ({@code xml} or
 * {@code json}), {@code message} (the message as a JSON object) and {@code raw} (the message as WeChat wrote it).
 */
public final class DeliveryBody {
    private final JsonMapper json;

    public DeliveryBody(JsonMapper json) {
        this.json = json;
    }

    public byte[] of(StoredPush push) {
        ObjectNode body = json.createObjectNode();
        body.put("appId", push.appId().value());
        body.put("deliveryId", push.id().value());
        body.put("msgType", push.msgType());
        push.event().ifPresent(event -> body.put("event", event));
        body.put("receivedAt", push.receivedAt().getEpochSecond());
        body.put("format", push.format().name().toLowerCase(Locale.ROOT));
        body.set("message", message(push));
        body.put("raw", push.raw());
        return json.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
    }

    private JsonNode message(StoredPush push) {
        try {
            return json.readTree(push.messageJson());
        } catch (JacksonException stored) {
            // Written by wxgate's own wire when the push was taken: unreadable only if the row was damaged.
            throw new IllegalStateException("the stored message of delivery " + push.id() + " is not JSON");
        }
    }
}
