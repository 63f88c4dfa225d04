package dev.wxgate.domain.app;

/**
 * The message-encryption mode an app is set to in WeChat's admin, pinned in wxgate so that a push cannot choose a
 * weaker one than the app was set up for.
 */
public enum CallbackMode {
    /** Plaintext pushes only, signed by {@code signature}; an encrypted push is refused. */
    PLAINTEXT,
    /**
     * Plaintext and encrypted pushes both, as WeChat's own compatible setting: each is verified in its own way
     * ({@code signature}, or {@code msg_signature} over {@code Encrypt}).
     */
    COMPATIBLE,
    /** Encrypted pushes only, signed by {@code msg_signature}; a plaintext push is refused. */
    SAFE;

    public boolean acceptsPlaintext() {
        return this != SAFE;
    }

    public boolean acceptsEncrypted() {
        return this != PLAINTEXT;
    }

    /** The mode WeChat's admin starts from: compatible once there is an EncodingAESKey, plaintext before. */
    public static CallbackMode defaultFor(boolean hasEncodingAesKey) {
        return hasEncodingAesKey ? COMPATIBLE : PLAINTEXT;
    }
}
