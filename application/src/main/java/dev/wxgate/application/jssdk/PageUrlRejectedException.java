package dev.wxgate.application.jssdk;

/** The page URL given for a JS-SDK signature cannot be signed; {@link #reason()} says why, the message never echoes it. */
public final class PageUrlRejectedException extends RuntimeException {

    /** Why the URL was refused. */
    public enum Reason {
        /** No URL was given. */
        MISSING,
        /** Longer than {@link PageUrl#MAX_LENGTH}. */
        TOO_LONG,
        /** Not an absolute {@code http} or {@code https} URL with a host, or it carries user info. */
        MALFORMED,
        /** Its host is not one of the app's JS-safe domains (public endpoint only). */
        DOMAIN_NOT_ALLOWED
    }

    private final Reason reason;

    public PageUrlRejectedException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
