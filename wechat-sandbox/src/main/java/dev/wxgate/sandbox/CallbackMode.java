package dev.wxgate.sandbox;

import java.util.Locale;
import java.util.Optional;

/** Value: the message-encryption mode chosen in WeChat's admin for an app's callback URL. */
enum CallbackMode {
    PLAINTEXT,
    COMPATIBLE,
    SAFE;

    static Optional<CallbackMode> of(String name) {
        for (CallbackMode mode : values()) {
            if (mode.wireName().equals(name)) {
                return Optional.of(mode);
            }
        }
        return Optional.empty();
    }

    String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    boolean encrypted() {
        return this != PLAINTEXT;
    }
}
