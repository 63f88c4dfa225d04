package dev.wxgate.domain.callback;

import dev.wxgate.domain.Require;
import dev.wxgate.domain.app.AppId;
import java.util.Map;
import java.util.Optional;

/**
 * A message or event WeChat pushed, after its signature was checked and it was decrypted: the common fields, every
 * field as sent ({@code fields}), and how it came (format and mode), so a reply can go back the same way.
 *
 * @param fromUserName the sender's openid
 * @param createTime seconds since the epoch, as WeChat wrote it
 * @param event the event name when {@code msgType} is {@code event}
 * @param msgId present for messages, absent for events
 * @param raw the message as WeChat wrote it (decrypted when it came sealed): what is stored and forwarded
 */
public record InboundMessage(
        AppId appId,
        String toUserName,
        String fromUserName,
        long createTime,
        String msgType,
        Optional<String> event,
        Optional<String> msgId,
        Map<String, String> fields,
        MessageFormat format,
        SecurityMode mode,
        String raw) {

    public InboundMessage {
        Require.present(appId, "appId");
        Require.present(toUserName, "ToUserName");
        Require.present(fromUserName, "FromUserName");
        Require.present(msgType, "MsgType");
        Require.present(event, "Event");
        Require.present(msgId, "MsgId");
        fields = Map.copyOf(Require.present(fields, "fields"));
        Require.present(format, "format");
        Require.present(mode, "mode");
        Require.present(raw, "raw");
    }

    /**
     * Reads a message from its fields.
     *
     * @throws CallbackRejectedException MALFORMED when a field every message has is missing or not a number
     */
    public static InboundMessage from(
            AppId appId, Map<String, String> fields, MessageFormat format, SecurityMode mode, String raw) {
        String to = fields.get("ToUserName");
        String from = fields.get("FromUserName");
        String type = fields.get("MsgType");
        String created = fields.get("CreateTime");
        if (isBlank(to) || isBlank(from) || isBlank(type) || isBlank(created)) {
            throw new CallbackRejectedException(CallbackRejectedException.Reason.MALFORMED);
        }
        long createTime;
        try {
            createTime = Long.parseLong(created.trim());
        } catch (NumberFormatException notANumber) {
            throw new CallbackRejectedException(CallbackRejectedException.Reason.MALFORMED);
        }
        return new InboundMessage(
                appId,
                to,
                from,
                createTime,
                type,
                Optional.ofNullable(fields.get("Event")).filter(e -> !e.isBlank()),
                Optional.ofNullable(fields.get("MsgId")).filter(id -> !id.isBlank()),
                fields,
                format,
                mode,
                raw);
    }

    /** What makes a delivery the same as an earlier one: the MsgId, or for events the sender and creation time. */
    public String deliveryKey() {
        return msgId.map(id -> "msg:" + id).orElseGet(() -> "event:" + fromUserName + ":" + createTime);
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    @Override
    public String toString() {
        // Fields may hold what a user wrote: only the routing facts are shown.
        return "InboundMessage[appId=" + appId + ", msgType=" + msgType + ", event=" + event.orElse("-") + ", format="
                + format + ", mode=" + mode + "]";
    }
}
