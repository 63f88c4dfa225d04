package dev.wxgate.application;

import java.time.Duration;

/** Too many calls (logins from a client or for an app, introspections by a client); try again after {@link #retryAfter()}. */
public final class RateLimitedException extends RuntimeException {
    private final Duration retryAfter;

    public RateLimitedException(Duration retryAfter) {
        this("too many logins", retryAfter);
    }

    /** {@code what} says what came too often, e.g. "too many introspection requests". */
    public RateLimitedException(String what, Duration retryAfter) {
        super(what + "; retry after " + retryAfter.toSeconds() + " s");
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
