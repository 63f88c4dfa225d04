package dev.wxgate.domain.app;

import dev.wxgate.domain.Require;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The EncodingAESKey an app had before its current one, still taken during a changeover: WeChat's admin switches the
 * key at once, so pushes sealed with either may arrive while the change goes round. Taken until {@code until} (never
 * after it), or as long as it is configured when no end is set. {@code toString()} never shows the key.
 *
 * @param until the instant from which pushes sealed with this key are refused; empty for no end
 */
public record PreviousAesKey(String key, Optional<Instant> until) {
    private static final Pattern AES_KEY = Pattern.compile("[0-9A-Za-z]{43}");

    public PreviousAesKey {
        Require.matches(key, AES_KEY, "callback.previousEncodingAesKey", "43 letters or digits");
        Require.present(until, "callback.previousKeyUntil");
    }

    /** Whether a push sealed with this key is still taken at {@code now}. */
    public boolean takenAt(Instant now) {
        return until.map(now::isBefore).orElse(true);
    }

    @Override
    public String toString() {
        return "PreviousAesKey[key=****, until=" + until.map(Instant::toString).orElse("none") + "]";
    }
}
