package dev.wxgate.domain.callback;

import java.util.Map;

/**
 * Secondary port: reading and writing callback bodies (XML or JSON), safely: no external entities, no DOCTYPE,
 * bounded depth and size. Only the top-level fields matter to the protocol.
 */
public interface CallbackFormat {

    /** A body read: its format and top-level fields (nested values as text). */
    record Parsed(MessageFormat format, Map<String, String> fields) {
        public Parsed {
            fields = Map.copyOf(fields);
        }
    }

    /**
     * @throws CallbackRejectedException MALFORMED (or TOO_LARGE) for anything that is not a flat-enough XML or JSON
     *     document
     */
    Parsed parse(byte[] body);

    /** Writes {@code fields} (values {@code String} or {@code Long}) as a body of {@code format}. */
    String write(MessageFormat format, Map<String, Object> fields);
}
