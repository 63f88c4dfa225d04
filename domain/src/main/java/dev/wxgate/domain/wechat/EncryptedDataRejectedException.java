package dev.wxgate.domain.wechat;

/** encryptedData that does not open to a watermarked JSON object of this app; the message is safe to show. */
public final class EncryptedDataRejectedException extends RuntimeException {
    private final Reason reason;

    public enum Reason {
        /** encryptedData or iv is not base64, or the iv is not 16 bytes. */
        MALFORMED,
        /** Decryption failed: wrong key, wrong iv, tampered data or bad padding. */
        UNDECRYPTABLE,
        /** The plaintext is not a JSON object with a watermark. */
        NOT_USER_DATA,
        /** The watermark names another app. */
        WRONG_APP,
        /** The watermark's timestamp is older than wxgate accepts ({@code wxgate.sessions.encrypted-data-max-age}). */
        EXPIRED
    }

    public EncryptedDataRejectedException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
