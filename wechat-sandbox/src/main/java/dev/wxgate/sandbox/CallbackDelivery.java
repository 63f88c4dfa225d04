package dev.wxgate.sandbox;

import java.util.Map;
import java.util.Optional;

/**
 * Value: one delivery of a push and its reply read back as WeChat would: {@code status} null with {@code error} when
 * nothing came back; {@code reply} "success", the plaintext reply, or the decrypted one (then
 * {@code replySignatureValid} says whether its MsgSignature held); {@code replyError} when a 2xx reply could not be
 * read. A reply that is a message comes with {@link CallbackReply}'s view of it: its fields as a tree, whether it is
 * addressed back, what WeChat would refuse in it.
 */
record CallbackDelivery(
        Integer status,
        long elapsedMillis,
        String rawReply,
        String reply,
        Boolean replySignatureValid,
        String replyError,
        String error,
        CallbackReply shown) {

    /**
     * Reads what came back for {@code message}: {@code crypto} (null without an EncodingAESKey) opens an encrypted
     * reply, {@code token} checks its MsgSignature.
     */
    static CallbackDelivery of(
            CallbackHttp.Answer answer,
            String token,
            CallbackCrypto crypto,
            Map<String, Object> message,
            CallbackPush.JsonCodec json) {
        if (answer.status() == null || answer.status() < 200 || answer.status() > 299) {
            return failed(answer);
        }
        String text = answer.body().strip();
        if (text.isEmpty() || text.equals("success")) {
            return read(answer, "success", null, null);
        }
        Optional<Map<String, Object>> fields = tree(text, json);
        if (fields.isEmpty()) {
            return unreadable(
                    answer, null, "the reply is neither success nor well-formed XML or JSON (DOCTYPE refused)");
        }
        if (!(fields.get().get("Encrypt") instanceof String encrypt)) {
            return read(answer, text, null, CallbackReply.of(fields.get(), message));
        }
        if (crypto == null) {
            return unreadable(answer, null, "an encrypted reply, but no encodingAesKey was given");
        }
        Object stamp = fields.get().get("TimeStamp");
        Object nonce = fields.get().get("Nonce");
        boolean valid = stamp != null
                && nonce != null
                && CallbackCrypto.signatureMatches(
                        CallbackCrypto.signature(token, String.valueOf(stamp), String.valueOf(nonce), encrypt),
                        String.valueOf(fields.get().get("MsgSignature")));
        String opened;
        try {
            opened = crypto.decrypt(encrypt);
        } catch (CallbackCrypto.Failure e) {
            return unreadable(answer, valid, "the encrypted reply does not decrypt: " + e.getMessage());
        }
        Optional<Map<String, Object>> inner = tree(opened.strip(), json);
        CallbackReply shown = inner.map(reply -> CallbackReply.of(reply, message))
                .orElseGet(
                        () -> new CallbackReply(Map.of(), false, "the decrypted reply is not well-formed XML or JSON"));
        return read(answer, opened, valid, shown);
    }

    private static CallbackDelivery failed(CallbackHttp.Answer answer) {
        return new CallbackDelivery(
                answer.status(), answer.elapsedMillis(), answer.body(), null, null, null, answer.error(), null);
    }

    private static CallbackDelivery unreadable(CallbackHttp.Answer answer, Boolean signatureValid, String why) {
        return new CallbackDelivery(
                answer.status(),
                answer.elapsedMillis(),
                answer.body(),
                null,
                signatureValid,
                why,
                answer.error(),
                null);
    }

    private static CallbackDelivery read(
            CallbackHttp.Answer answer, String reply, Boolean signatureValid, CallbackReply shown) {
        return new CallbackDelivery(
                answer.status(),
                answer.elapsedMillis(),
                answer.body(),
                reply,
                signatureValid,
                null,
                answer.error(),
                shown);
    }

    /** An XML or JSON document as a tree, or empty when it is neither. */
    private static Optional<Map<String, Object>> tree(String text, CallbackPush.JsonCodec json) {
        if (text.startsWith("<")) {
            return CallbackXml.readTree(text);
        }
        return text.startsWith("{") ? json.read(text) : Optional.empty();
    }
}
