package dev.wxgate.domain.delivery;

import dev.wxgate.domain.Require;
import dev.wxgate.domain.app.AppId;
import dev.wxgate.domain.callback.MessageFormat;
import java.time.Instant;
import java.util.Optional;

/**
 * A push as wxgate keeps it until every sink has it: taken from WeChat (authenticated, opened, first seen) and written
 * to the outbox before WeChat is answered.
 *
 * @param deliveryKey what makes WeChat's retries the same delivery (MsgId, or sender and creation time)
 * @param raw the message as WeChat wrote it (XML or JSON), decrypted
 * @param messageJson the message as one JSON object (XML converted: text as strings, nested elements as objects,
 *     {@code item} elements as arrays)
 */
public record StoredPush(
        DeliveryId id,
        AppId appId,
        String deliveryKey,
        String msgType,
        Optional<String> event,
        MessageFormat format,
        String raw,
        String messageJson,
        Instant receivedAt) {

    public StoredPush {
        Require.present(id, "id");
        Require.present(appId, "appId");
        Require.present(deliveryKey, "deliveryKey");
        Require.present(msgType, "msgType");
        Require.present(event, "event");
        Require.present(format, "format");
        Require.present(raw, "raw");
        Require.present(messageJson, "messageJson");
        Require.present(receivedAt, "receivedAt");
    }

    /** RabbitMQ's routing key: {@code <appId>.<MsgType>[.<Event>]}. */
    public String routingKey() {
        return appId.value() + "." + msgType + event.map(name -> "." + name).orElse("");
    }

    @Override
    public String toString() {
        // The message may hold what a user wrote: only the routing facts are shown.
        return "StoredPush[id=" + id + ", appId=" + appId + ", msgType=" + msgType + ", event=" + event.orElse("-")
                + "]";
    }
}
