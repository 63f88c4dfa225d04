package dev.wxgate.application.token;

import dev.wxgate.domain.app.AppId;
import java.time.Instant;
import java.util.Optional;

/**
 * No valid access_token can be served for an app right now. The message says why in an operator's words and never
 * carries a secret or token; {@link #retryAfter()} says when the next attempt is due, when known.
 */
public final class TokenUnavailableException extends RuntimeException {

    /** Why there is no token. */
    public enum Reason {
        /** A refresh is under way (here or on another node) and did not finish within the caller's wait. */
        TIMED_OUT,
        /** WeChat refused the app's appid or secret (40001, 40013, 40125, 40243 on the token call). */
        BAD_CREDENTIALS,
        /** WeChat refused this server's IP address (40164, 89503). */
        NOT_WHITELISTED,
        /** The app's daily quota of token calls is used up (45009). */
        QUOTA_EXHAUSTED,
        /** Only a forced refresh would replace the token, and WeChat's budget (20 a day, 30 s apart) allows none now. */
        FORCE_REFRESH_REFUSED,
        /** WeChat is down, busy or answered something unexpected. */
        UPSTREAM_FAILED
    }

    private final AppId appId;
    private final Reason reason;
    private final Instant retryAfter;

    public TokenUnavailableException(AppId appId, Reason reason, Optional<Instant> retryAfter, String message) {
        super(message);
        this.appId = appId;
        this.reason = reason;
        this.retryAfter = retryAfter.orElse(null);
    }

    public TokenUnavailableException(
            AppId appId, Reason reason, Optional<Instant> retryAfter, String message, Throwable cause) {
        super(message, cause);
        this.appId = appId;
        this.reason = reason;
        this.retryAfter = retryAfter.orElse(null);
    }

    public AppId appId() {
        return appId;
    }

    public Reason reason() {
        return reason;
    }

    public Optional<Instant> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
