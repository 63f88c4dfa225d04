package dev.wxgate.domain.app;

import dev.wxgate.domain.Require;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What WeChat's admin was told for message push: the token that signs callbacks, for the encrypted modes the
 * 43-character EncodingAESKey, and the mode pushes must come in; during an EncodingAESKey changeover, the key it
 * replaced. No secret is shown by {@code toString()}.
 *
 * @param previousKey the key {@code encodingAesKey} replaced, still taken for a while; empty outside a changeover
 */
public record CallbackSettings(
        String token, Optional<String> encodingAesKey, CallbackMode mode, Optional<PreviousAesKey> previousKey) {
    private static final Pattern TOKEN = Pattern.compile("[0-9A-Za-z]{3,32}");
    private static final Pattern AES_KEY = Pattern.compile("[0-9A-Za-z]{43}");

    public CallbackSettings {
        Require.matches(token, TOKEN, "callback.token", "3 to 32 letters or digits");
        Require.present(encodingAesKey, "callback.encodingAesKey");
        encodingAesKey.ifPresent(
                key -> Require.matches(key, AES_KEY, "callback.encodingAesKey", "43 letters or digits"));
        Require.present(mode, "callback.mode");
        Require.present(previousKey, "callback.previousEncodingAesKey");
        if (previousKey.isPresent() && encodingAesKey.isEmpty()) {
            throw new IllegalArgumentException(
                    "callback.previousEncodingAesKey needs a callback.encodingAesKey (the key that replaced it)");
        }
        if (previousKey.isPresent() && previousKey.get().key().equals(encodingAesKey.get())) {
            throw new IllegalArgumentException(
                    "callback.previousEncodingAesKey must differ from callback.encodingAesKey");
        }
        if (mode.acceptsEncrypted() && encodingAesKey.isEmpty()) {
            throw new IllegalArgumentException("callback.mode " + mode.name().toLowerCase(Locale.ROOT)
                    + " needs a callback.encodingAesKey (or set callback.mode plaintext)");
        }
    }

    /** Settings outside an EncodingAESKey changeover. */
    public CallbackSettings(String token, Optional<String> encodingAesKey, CallbackMode mode) {
        this(token, encodingAesKey, mode, Optional.empty());
    }

    /** Settings in the mode WeChat's admin starts from: compatible with an EncodingAESKey, plaintext without. */
    public CallbackSettings(String token, Optional<String> encodingAesKey) {
        this(token, encodingAesKey, CallbackMode.defaultFor(encodingAesKey != null && encodingAesKey.isPresent()));
    }

    /** The keys a sealed push may have been sealed with, the current one first; the previous one even past its end. */
    public List<String> encodingAesKeys() {
        return previousKey.isEmpty()
                ? encodingAesKey.stream().toList()
                : List.of(encodingAesKey.orElseThrow(), previousKey.get().key());
    }

    /** Whether a push sealed with {@code key} is taken at {@code now}: the current key always, the previous one until its end. */
    public boolean takes(String key, Instant now) {
        return encodingAesKey.filter(key::equals).isPresent()
                || previousKey
                        .filter(previous -> previous.key().equals(key) && previous.takenAt(now))
                        .isPresent();
    }

    /** These settings with {@code key} as the one replies are sealed with: a reply goes back under its push's key. */
    public CallbackSettings sealingWith(String key) {
        return key.equals(encodingAesKey.orElse(null))
                ? this
                : new CallbackSettings(token, Optional.of(key), mode, Optional.empty());
    }

    @Override
    public String toString() {
        return "CallbackSettings[token=****, encodingAesKey=" + (encodingAesKey.isPresent() ? "****" : "none")
                + ", mode=" + mode + (previousKey.isPresent() ? ", " + previousKey.get() : "") + "]";
    }
}
