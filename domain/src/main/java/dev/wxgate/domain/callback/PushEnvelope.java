package dev.wxgate.domain.callback;

import dev.wxgate.domain.app.AppId;
import java.util.Map;
import java.util.Optional;

/**
 * A push's body as read, before anything in it is believed: its format and top-level fields (nested values as text).
 * A plaintext push is its message; a sealed one carries it in {@code Encrypt}, and in compatible mode repeats it in
 * clear beside, which is never believed.
 *
 * @param raw the body as it came, as text
 */
public record PushEnvelope(MessageFormat format, Map<String, String> fields, String raw) {
    public PushEnvelope {
        fields = Map.copyOf(fields);
        raw = raw == null ? "" : raw;
    }

    /** The sealed message, as signed by {@code msg_signature}. */
    public Optional<String> encrypt() {
        return Optional.ofNullable(fields.get("Encrypt"));
    }

    /** How a sealed push came: compatible mode repeats the message's fields in clear, safe mode does not. */
    public SecurityMode sealedMode() {
        return fields.containsKey("MsgType") || fields.containsKey("FromUserName")
                ? SecurityMode.COMPATIBLE
                : SecurityMode.SAFE;
    }

    /**
     * The message of a plaintext push.
     *
     * @throws CallbackRejectedException MALFORMED when a field every message has is missing
     */
    public InboundMessage plainMessage(AppId appId) {
        return InboundMessage.from(appId, fields, format, SecurityMode.PLAINTEXT, raw);
    }
}
