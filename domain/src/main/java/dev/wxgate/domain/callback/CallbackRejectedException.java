package dev.wxgate.domain.callback;

import java.util.Objects;

/**
 * A callback that wxgate refuses: forged, replayed, or not the protocol. The message is fixed per reason and short; it
 * never carries the body, a parser's words, a token or a key. It has two reasons: {@link #reason()}, what went wrong,
 * for our log and the console only, and {@link #answer()}, what the sender is told; they differ once a failure is
 * {@link #concealed()}.
 */
public final class CallbackRejectedException extends RuntimeException {

    /** Why a callback was refused; {@link #BAD_SIGNATURE} means "not from WeChat", every other reason is bad input. */
    public enum Reason {
        BAD_SIGNATURE("the signature does not match"),
        MALFORMED("the body is not a WeChat message"),
        BAD_BASE64("Encrypt is not base64"),
        BAD_PADDING("Encrypt does not decrypt"),
        BAD_LENGTH("the decrypted message is shorter than its length says"),
        WRONG_APP("the message is for another app"),
        /** The one answer to every failure after {@code msg_signature} held: which one it was stays with us. */
        UNDECRYPTABLE("the message could not be opened"),
        TOO_LARGE("the message is too large"),
        /**
         * Sealed with the EncodingAESKey this app had before, whose changeover window has ended. Told precisely (not
         * concealed): only a push that opens in full under that key (padding, length and this app's id) gets it.
         */
        RETIRED_KEY("the message is sealed with a replaced EncodingAESKey, no longer taken"),
        STALE_TIMESTAMP("the timestamp is outside the accepted window"),
        REPLAYED_NONCE("the nonce was already used"),
        UNSUPPORTED_ENCRYPT_TYPE("encrypt_type must be absent (plaintext) or aes"),
        ENCRYPTION_REQUIRED("this app takes encrypted messages only (safe mode): encrypt_type=aes and msg_signature"),
        NOT_ENCRYPTED("this app takes plaintext messages only (plaintext mode)");

        private final String text;

        Reason(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }
    }

    private final Reason reason;
    private final Reason answer;

    public CallbackRejectedException(Reason reason) {
        this(reason, reason);
    }

    private CallbackRejectedException(Reason reason, Reason answer) {
        super(Objects.requireNonNull(answer, "answer").text(), null, false, false);
        this.reason = Objects.requireNonNull(reason, "reason");
        this.answer = answer;
    }

    /**
     * This failure, answered as {@link Reason#UNDECRYPTABLE}: once {@code msg_signature} held, telling bad padding
     * from a wrong app or a broken inner body would let whoever holds the token (but not the key) learn about a
     * plaintext by tampering with its ciphertext, a padding oracle.
     */
    public CallbackRejectedException concealed() {
        return new CallbackRejectedException(reason, Reason.UNDECRYPTABLE);
    }

    /** What went wrong, precisely: for the log and the console, never for the sender once concealed. */
    public Reason reason() {
        return reason;
    }

    /** What the sender is told. */
    public Reason answer() {
        return answer;
    }
}
