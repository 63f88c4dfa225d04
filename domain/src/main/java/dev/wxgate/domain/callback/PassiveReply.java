package dev.wxgate.domain.callback;

import dev.wxgate.domain.Require;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A reply in the answer to a callback (WeChat's "passive reply"): a message type and its own fields. The envelope
 * (ToUserName, FromUserName, CreateTime) is added when it is addressed to the message it answers.
 */
public record PassiveReply(String msgType, Map<String, String> content) {

    public PassiveReply {
        Require.present(msgType, "msgType");
        content = Map.copyOf(Require.present(content, "content"));
    }

    /** A text message back to the sender. */
    public static PassiveReply text(String text) {
        return new PassiveReply("text", Map.of("Content", Require.present(text, "text")));
    }

    /**
     * The reply's fields in WeChat's order, addressed back to the sender of {@code message}: numbers are {@code Long},
     * everything else {@code String}.
     */
    public Map<String, Object> addressedTo(InboundMessage message, Instant now) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("ToUserName", message.fromUserName());
        fields.put("FromUserName", message.toUserName());
        fields.put("CreateTime", now.getEpochSecond());
        fields.put("MsgType", msgType);
        content.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .forEach(field -> fields.put(field.getKey(), field.getValue()));
        return fields;
    }
}
