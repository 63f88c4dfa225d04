package dev.wxgate.application.callback;

import dev.wxgate.domain.app.AppId;
import dev.wxgate.domain.callback.EncryptType;
import dev.wxgate.domain.callback.SignatureParameters;

/**
 * What WeChat pushed ({@code POST}), read once at the edge: the app of the path, the signature parameters and
 * {@code encrypt_type} of the query, and the body exactly as it came (what {@code msg_signature} signed).
 *
 * @param body the raw body, never null (empty when none came)
 */
public record CallbackPush(AppId appId, SignatureParameters signed, EncryptType encryptType, byte[] body) {
    public CallbackPush {
        body = body == null ? new byte[0] : body;
    }

    /** A push from its query parameters as sent (any may be null, meaning absent) and its body. */
    public static CallbackPush of(
            AppId appId,
            String signature,
            String timestamp,
            String nonce,
            String encryptType,
            String msgSignature,
            byte[] body) {
        return new CallbackPush(
                appId,
                new SignatureParameters(signature, msgSignature, timestamp, nonce),
                EncryptType.of(encryptType),
                body);
    }
}
