package dev.wxgate.adapters.web.callback;

/**
 * How the callback endpoint takes requests.
 *
 * @param maxBodyBytes larger bodies are refused (413) before anything parses them
 */
public record CallbackWebSettings(long maxBodyBytes) {
    public CallbackWebSettings {
        if (maxBodyBytes < 1024) {
            throw new IllegalArgumentException("maxBodyBytes must be at least 1024");
        }
    }
}
