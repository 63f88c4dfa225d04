package dev.wxgate.domain.callback;

/** How a callback is protected, as chosen in WeChat's admin; a reply goes back in the mode its message came in. */
public enum SecurityMode {
    /** Signed by {@code signature} only; the body is the message. */
    PLAINTEXT,
    /** Signed by {@code msg_signature}; the body holds the plaintext fields and {@code Encrypt}. */
    COMPATIBLE,
    /** Signed by {@code msg_signature}; the body holds only {@code ToUserName} and {@code Encrypt}. */
    SAFE;

    public boolean encrypted() {
        return this != PLAINTEXT;
    }
}
