package dev.wxgate.domain.callback;

import java.util.Optional;

/** The guard every text field of a passive reply passes: present where required, bounded, and writable as XML. */
final class ReplyText {
    /** A media id is 64 characters today; the room left is for WeChat changing its format, not for payloads. */
    static final int MEDIA_ID = 256;

    static final int TITLE = 1024;
    static final int DESCRIPTION = 4096;
    static final int URL = 2048;
    static final int ACCOUNT = 128;

    /** WeChat cuts or refuses far shorter texts; the bound is there so a runaway receiver cannot fill a reply. */
    static final int CONTENT = 8192;

    private ReplyText() {}

    static String required(String value, String field, int max) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " is required");
        }
        return checked(value, field, max);
    }

    static Optional<String> optional(Optional<String> value, String field, int max) {
        if (value == null) {
            throw new IllegalArgumentException(field + " must be given, empty when absent");
        }
        return value.filter(text -> !text.isEmpty()).map(text -> checked(text, field, max));
    }

    private static String checked(String value, String field, int max) {
        if (value.length() > max) {
            throw new IllegalArgumentException(field + " must be at most " + max + " characters");
        }
        // XML 1.0 cannot carry these at all, not even in CDATA: a reply holding one could never reach WeChat.
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean control = c < 0x20 && c != '\t' && c != '\n' && c != '\r';
            if (control || c == 0xFFFE || c == 0xFFFF) {
                throw new IllegalArgumentException(field + " must not hold control characters");
            }
        }
        return value;
    }
}
