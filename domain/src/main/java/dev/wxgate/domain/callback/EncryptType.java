package dev.wxgate.domain.callback;

import dev.wxgate.domain.app.CallbackMode;
import dev.wxgate.domain.callback.CallbackRejectedException.Reason;

/**
 * A push's {@code encrypt_type} query parameter, read once at the edge: absent or {@code raw} (WeChat's own name for
 * plaintext), {@code aes} (compatible or safe mode), or anything else, which is never read as plaintext.
 */
public enum EncryptType {
    PLAIN,
    AES,
    UNSUPPORTED;

    /** The parameter as it came, null when absent; compared exactly, as WeChat writes it. */
    public static EncryptType of(String parameter) {
        if (parameter == null || parameter.equals("raw")) {
            return PLAIN;
        }
        return parameter.equals("aes") ? AES : UNSUPPORTED;
    }

    /**
     * Whether a push is sealed, when the app's pinned mode takes it: a push never chooses a weaker mode than the app's.
     *
     * @throws CallbackRejectedException ENCRYPTION_REQUIRED, UNSUPPORTED_ENCRYPT_TYPE or NOT_ENCRYPTED
     */
    public boolean sealedUnder(CallbackMode mode) {
        return switch (this) {
            case PLAIN -> {
                if (!mode.acceptsPlaintext()) {
                    throw new CallbackRejectedException(Reason.ENCRYPTION_REQUIRED);
                }
                yield false;
            }
            case UNSUPPORTED -> throw new CallbackRejectedException(Reason.UNSUPPORTED_ENCRYPT_TYPE);
            case AES -> {
                if (!mode.acceptsEncrypted()) {
                    throw new CallbackRejectedException(Reason.NOT_ENCRYPTED);
                }
                yield true;
            }
        };
    }
}
