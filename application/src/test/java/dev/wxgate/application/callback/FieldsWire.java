package dev.wxgate.application.callback;

import dev.wxgate.domain.app.AppId;
import dev.wxgate.domain.app.CallbackSettings;
import dev.wxgate.domain.callback.CallbackWire;
import dev.wxgate.domain.callback.InboundMessage;
import dev.wxgate.domain.callback.MessageFormat;
import dev.wxgate.domain.callback.PassiveReply;
import dev.wxgate.domain.callback.PushEnvelope;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A wire of "key=value;key=value" sealed by {@link ToyCrypto}, so the use case is tested without any parser or
 * cipher (WechatCallbackWire's own tests cover those).
 */
final class FieldsWire implements CallbackWire {
    @Override
    public PushEnvelope read(byte[] body) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String pair : new String(body, StandardCharsets.UTF_8).split(";")) {
            String[] kv = pair.split("=", 2);
            if (kv.length == 2) {
                fields.put(kv[0], kv[1]);
            }
        }
        return new PushEnvelope(MessageFormat.XML, fields, new String(body, StandardCharsets.UTF_8));
    }

    @Override
    public InboundMessage open(AppId appId, String encodingAesKey, PushEnvelope envelope) {
        String opened = new ToyCrypto(encodingAesKey, appId.value())
                .decrypt(envelope.encrypt().orElseThrow());
        PushEnvelope inner = read(opened.getBytes(StandardCharsets.UTF_8));
        return InboundMessage.from(appId, inner.fields(), envelope.format(), envelope.sealedMode(), opened);
    }

    @Override
    public String messageJson(InboundMessage message) {
        return message.fields().toString();
    }

    @Override
    public String write(InboundMessage message, PassiveReply reply, Instant now) {
        return write(reply.addressedTo(message, now));
    }

    @Override
    public String seal(
            InboundMessage message, String plainReply, CallbackSettings settings, Instant now, String nonce) {
        String sealed = new ToyCrypto(
                        settings.encodingAesKey().orElseThrow(), message.appId().value())
                .encrypt(plainReply);
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("Encrypt", sealed);
        envelope.put("Nonce", nonce);
        return write(envelope);
    }

    private static String write(Map<String, Object> fields) {
        StringBuilder out = new StringBuilder();
        fields.forEach((k, v) -> out.append(k).append('=').append(v).append(';'));
        return out.toString();
    }
}
