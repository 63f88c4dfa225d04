package dev.wxgate.domain.callback;

import java.util.Objects;

/**
 * A callback that wxgate refuses: forged, replayed, or not the protocol. The message is fixed per reason and short; it
 * never carries the body, a parser's words, a token or a key.
 */
public final class CallbackRejectedException extends RuntimeException {

    /** Why a callback was refused; {@link #BAD_SIGNATURE} means "not from WeChat", every other reason is bad input. */
    public enum Reason {
        BAD_SIGNATURE("the signature does not match"),
        MALFORMED("the body is not a WeChat message"),
        BAD_BASE64("Encrypt is not base64"),
        BAD_PADDING("Encrypt does not decrypt"),
        WRONG_APP("the message is for another app"),
        TOO_LARGE("the message is too large"),
        STALE_TIMESTAMP("the timestamp is outside the accepted window"),
        REPLAYED_NONCE("the nonce was already used"),
        NOT_ENCRYPTED("this app has no EncodingAESKey for encrypted messages");

        private final String text;

        Reason(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }
    }

    private final Reason reason;

    public CallbackRejectedException(Reason reason) {
        super(Objects.requireNonNull(reason, "reason").text(), null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
