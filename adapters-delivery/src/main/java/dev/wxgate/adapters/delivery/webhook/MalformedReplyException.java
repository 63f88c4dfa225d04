package dev.wxgate.adapters.delivery.webhook;

/**
 * A webhook answered 2xx with a body that is not a reply wxgate can pass on to WeChat. The message says what is wrong
 * in wxgate's words and never repeats the receiver's text, so it is safe to log.
 */
public final class MalformedReplyException extends RuntimeException {
    public MalformedReplyException(String message) {
        super(message, null, false, false);
    }
}
