package dev.wxgate.domain.callback;

/**
 * What signs a callback, as its query carried it: {@code signature} (token, timestamp, nonce), {@code msg_signature}
 * (the same and {@code Encrypt}), the timestamp and the nonce. Any may be missing (null): a missing part never
 * matches.
 */
public record SignatureParameters(String signature, String msgSignature, String timestamp, String nonce) {

    /** Whether {@code signature} signs a plaintext push (or a URL verification) for {@code token}. */
    public boolean signPlain(String token) {
        return CallbackSignature.matches(signature, token, timestamp, nonce);
    }

    /**
     * Whether {@code msg_signature} signs the sealed {@code encrypt} for {@code token}; never falls back to
     * {@code signature}, which does not cover the body.
     */
    public boolean signSealed(String token, String encrypt) {
        return CallbackSignature.matches(msgSignature, token, timestamp, nonce, encrypt);
    }

    /** Whether everything {@code msg_signature} needs came, so the body is worth reading. */
    public boolean sealedComplete() {
        return msgSignature != null && timestamp != null && nonce != null;
    }
}
