package dev.wxgate.application.oauth;

/**
 * A web login step refused, for a reason the browser's error page (or the exchange's JSON error) names precisely. The
 * message never holds a state, code or token.
 */
public final class WebLoginException extends RuntimeException {

    /** Why; each has its own stable error code. */
    public enum Reason {
        /** The app is a mini-program (web login is for official accounts and website apps). */
        NOT_A_WEB_LOGIN_APP("invalid_app"),
        /** The scope is none WeChat knows (snsapi_base, snsapi_userinfo, snsapi_login). */
        UNSUPPORTED_SCOPE("invalid_scope"),
        /** The scope is not one of this kind of app: snsapi_login is a website app's only, the others an account's. */
        SCOPE_NOT_FOR_APP_TYPE("scope_not_for_app_type"),
        /** The app has no allowed origins: it takes no web login. */
        WEB_LOGIN_OFF("web_login_off"),
        /** The redirect_uri is malformed or not under the app's allowed origins. */
        REDIRECT_NOT_ALLOWED("invalid_redirect_uri"),
        /** The state was never issued here (forged, mistyped, for another app, or long gone). */
        STATE_UNKNOWN("invalid_state"),
        /** The state was used already: the callback was replayed. */
        STATE_REPLAYED("state_used"),
        /** The browser took longer than the state's lifetime to come back. */
        STATE_EXPIRED("state_expired"),
        /** The state was issued to another browser (its binder cookie is missing or different). */
        OTHER_BROWSER("state_other_browser"),
        /** WeChat refused the code: unknown, expired (40029) or used (40163). */
        CODE_REJECTED("invalid_wechat_code"),
        /** The handoff code is unknown, used or expired. */
        INVALID_HANDOFF("invalid_code");

        private final String code;

        Reason(String code) {
            this.code = code;
        }

        /** The stable error code shown on the page or in the JSON. */
        public String code() {
            return code;
        }
    }

    private final Reason reason;

    public WebLoginException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
