package dev.wxgate.application.login;

import dev.wxgate.application.RateLimitedException;
import dev.wxgate.application.UnknownAppException;
import dev.wxgate.domain.StoreUnavailableException;
import dev.wxgate.domain.wechat.WechatException;
import java.util.Locale;

/** How a login ended, in the few kinds an operator tells apart on a chart (a bounded set, fit for a metric tag). */
public enum LoginOutcome {
    SUCCESS,
    /** The app is not configured. */
    UNKNOWN_APP,
    /** The app is not a mini-program, or the login named none while several mini-programs are served. */
    WRONG_APP,
    /** wxgate's own per-client or per-app limit. */
    RATE_LIMITED,
    /** WeChat does not know the code, or it expired (40029). */
    INVALID_CODE,
    /** The code was exchanged already (40163). */
    CODE_USED,
    /** WeChat limited this user or app (45011). */
    WECHAT_RATE_LIMITED,
    /** WeChat blocked the user as high-risk (40226). */
    USER_BLOCKED,
    /** The app's appid or secret is wrong or frozen, or this server's IP is not whitelisted. */
    BAD_CREDENTIALS,
    /** WeChat was busy, unreachable or answered something that is not its protocol. */
    WECHAT_UNAVAILABLE,
    /** WeChat refused the call for another reason. */
    WECHAT_REJECTED,
    /** The user registry or the session store could not be reached. */
    STORE_UNAVAILABLE,
    /** Anything else: a defect. */
    ERROR;

    /** The outcome a login that threw {@code failure} had. */
    public static LoginOutcome of(RuntimeException failure) {
        return switch (failure) {
            case UnknownAppException unknown -> UNKNOWN_APP;
            case LoginAppException notServed -> WRONG_APP;
            case RateLimitedException limited -> RATE_LIMITED;
            case StoreUnavailableException down -> STORE_UNAVAILABLE;
            case WechatException wechat ->
                switch (wechat.failure()) {
                    case INVALID_CODE -> INVALID_CODE;
                    case CODE_USED -> CODE_USED;
                    case RATE_LIMITED -> WECHAT_RATE_LIMITED;
                    case USER_BLOCKED -> USER_BLOCKED;
                    case BAD_CREDENTIALS, IP_NOT_WHITELISTED -> BAD_CREDENTIALS;
                    case UPSTREAM_BUSY, UPSTREAM_UNAVAILABLE -> WECHAT_UNAVAILABLE;
                    default -> WECHAT_REJECTED;
                };
            default -> ERROR;
        };
    }

    /** The tag value: the name in lower case ({@code invalid_code}). */
    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
