package dev.wxgate.sandbox;

import java.util.Locale;
import java.util.Optional;

/** Value: the data format chosen in WeChat's admin for an app's callback URL (JSON for mini-programs so set). */
enum CallbackFormat {
    XML("text/xml"),
    JSON("application/json");

    final String contentType;

    CallbackFormat(String contentType) {
        this.contentType = contentType;
    }

    static Optional<CallbackFormat> of(String name) {
        for (CallbackFormat format : values()) {
            if (format.wireName().equals(name)) {
                return Optional.of(format);
            }
        }
        return Optional.empty();
    }

    String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
