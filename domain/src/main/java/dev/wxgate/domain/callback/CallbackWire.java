package dev.wxgate.domain.callback;

import dev.wxgate.domain.app.AppId;
import dev.wxgate.domain.app.CallbackSettings;
import java.time.Instant;

/**
 * Secondary port: WeChat's callback wire formats: bodies in XML or JSON (read safely: no external entities, no
 * DOCTYPE, bounded depth and size) and the message encryption of the compatible and safe modes. The use case reads a
 * push's envelope, checks its signature itself, then asks this port to open it; a reply is written, and sealed for
 * the mode its message came in.
 */
public interface CallbackWire {

    /**
     * Reads a push's body; only the top-level fields matter to the protocol.
     *
     * @throws CallbackRejectedException MALFORMED for anything that is not a flat-enough XML or JSON document
     */
    PushEnvelope read(byte[] body);

    /**
     * Opens a sealed push whose {@code msg_signature} held: decrypts {@code Encrypt} with the app's EncodingAESKey and
     * reads the message inside (only the decrypted copy is believed).
     *
     * @throws CallbackRejectedException precisely (MALFORMED, BAD_BASE64, TOO_LARGE, BAD_PADDING, BAD_LENGTH,
     *     WRONG_APP): the caller decides what the sender is told
     */
    InboundMessage open(AppId appId, String encodingAesKey, PushEnvelope envelope);

    /**
     * The message as one JSON object, for the systems it is forwarded to: a JSON message as it came; an XML message
     * converted faithfully (text and CDATA as strings, nested elements as objects, repeated elements and every
     * {@code item} as arrays).
     */
    String messageJson(InboundMessage message);

    /** The plain reply to {@code message}, in its format, addressed back to its sender. */
    String write(InboundMessage message, PassiveReply reply, Instant now);

    /**
     * A plain reply sealed for an encrypted {@code message}: the envelope WeChat expects ({@code Encrypt},
     * {@code MsgSignature}, {@code TimeStamp}, {@code Nonce}) in the message's format.
     */
    String seal(InboundMessage message, String plainReply, CallbackSettings settings, Instant now, String nonce);
}
