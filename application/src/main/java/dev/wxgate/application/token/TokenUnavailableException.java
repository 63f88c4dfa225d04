package dev.wxgate.application.token;

import dev.wxgate.domain.app.AppId;
import dev.wxgate.domain.token.CredentialKey;
import dev.wxgate.domain.token.CredentialKind;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * No valid credential (an access_token or a JS-SDK ticket) can be served for an app right now. The message says why in an operator's words and never
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

    /** No credential for {@code key}: {@code why} in an operator's words. */
    static TokenUnavailableException timedOut(CredentialKey key, String why) {
        return new TokenUnavailableException(
                key.owner(),
                Reason.TIMED_OUT,
                Optional.empty(),
                "no valid " + key.kind().label() + " for app " + key.owner() + ": " + why);
    }

    /** No credential for {@code key} while it pauses after {@code failure}. */
    static TokenUnavailableException after(CredentialKey key, Backoffs.Failure failure, Throwable cause) {
        String errcode =
                failure.errcode().isPresent() ? " (errcode " + failure.errcode().getAsInt() + ")" : "";
        // "token" for the access_token, as operators have always read it; WeChat's name for the other kinds.
        String noun =
                key.kind() == CredentialKind.ACCESS_TOKEN ? "token" : key.kind().label();
        Reason reason;
        String what;
        switch (failure.failure()) {
            case BAD_CREDENTIALS -> {
                reason = Reason.BAD_CREDENTIALS;
                what = "WeChat refused the app's credentials" + errcode + ": check its app-id and secret";
            }
            case IP_NOT_WHITELISTED -> {
                reason = Reason.NOT_WHITELISTED;
                what = "WeChat refused this server's IP address" + errcode + ": add it to the app's IP whitelist";
            }
            case QUOTA_EXHAUSTED -> {
                reason = Reason.QUOTA_EXHAUSTED;
                what = "the app's daily quota of " + noun + " calls is used up" + errcode;
            }
            default -> {
                reason = Reason.UPSTREAM_FAILED;
                what = "WeChat did not issue a "
                        + noun
                        + " ("
                        + failure.failure().name().toLowerCase(Locale.ROOT)
                        + errcode
                        + ")";
            }
        }
        return new TokenUnavailableException(
                key.owner(),
                reason,
                Optional.of(failure.retryAfter()),
                "app " + key.owner() + ": " + what + "; next attempt after " + failure.retryAfter(),
                cause);
    }
}
