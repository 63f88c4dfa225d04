package dev.wxgate.domain.app;

import dev.wxgate.domain.Require;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What WeChat's admin was told for message push: the token that signs callbacks and, for the encrypted modes, the
 * 43-character EncodingAESKey. Neither is shown by {@code toString()}.
 */
public record CallbackSettings(String token, Optional<String> encodingAesKey) {
    private static final Pattern TOKEN = Pattern.compile("[0-9A-Za-z]{3,32}");
    private static final Pattern AES_KEY = Pattern.compile("[0-9A-Za-z]{43}");

    public CallbackSettings {
        Require.matches(token, TOKEN, "callback.token", "3 to 32 letters or digits");
        Require.present(encodingAesKey, "callback.encodingAesKey");
        encodingAesKey.ifPresent(
                key -> Require.matches(key, AES_KEY, "callback.encodingAesKey", "43 letters or digits"));
    }

    @Override
    public String toString() {
        return "CallbackSettings[token=****, encodingAesKey=" + (encodingAesKey.isPresent() ? "****" : "none") + "]";
    }
}
