package dev.wxgate.domain.app;

import dev.wxgate.domain.Require;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What WeChat's admin was told for message push: the token that signs callbacks, for the encrypted modes the
 * 43-character EncodingAESKey, and the mode pushes must come in. Neither secret is shown by {@code toString()}.
 */
public record CallbackSettings(String token, Optional<String> encodingAesKey, CallbackMode mode) {
    private static final Pattern TOKEN = Pattern.compile("[0-9A-Za-z]{3,32}");
    private static final Pattern AES_KEY = Pattern.compile("[0-9A-Za-z]{43}");

    public CallbackSettings {
        Require.matches(token, TOKEN, "callback.token", "3 to 32 letters or digits");
        Require.present(encodingAesKey, "callback.encodingAesKey");
        encodingAesKey.ifPresent(
                key -> Require.matches(key, AES_KEY, "callback.encodingAesKey", "43 letters or digits"));
        Require.present(mode, "callback.mode");
        if (mode.acceptsEncrypted() && encodingAesKey.isEmpty()) {
            throw new IllegalArgumentException("callback.mode " + mode.name().toLowerCase(Locale.ROOT)
                    + " needs a callback.encodingAesKey (or set callback.mode plaintext)");
        }
    }

    /** Settings in the mode WeChat's admin starts from: compatible with an EncodingAESKey, plaintext without. */
    public CallbackSettings(String token, Optional<String> encodingAesKey) {
        this(token, encodingAesKey, CallbackMode.defaultFor(encodingAesKey != null && encodingAesKey.isPresent()));
    }

    @Override
    public String toString() {
        return "CallbackSettings[token=****, encodingAesKey=" + (encodingAesKey.isPresent() ? "****" : "none")
                + ", mode=" + mode + "]";
    }
}
