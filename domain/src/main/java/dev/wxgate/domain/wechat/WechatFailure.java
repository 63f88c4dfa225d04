package dev.wxgate.domain.wechat;

/** Why a call to WeChat failed, in the terms callers act on (each maps one or more WeChat errcodes). */
public enum WechatFailure {
    /** The login or phone code is unknown or expired (40029). */
    INVALID_CODE,
    /** The code was already exchanged (40163). */
    CODE_USED,
    /** Too many calls for this user or app (45011, 45009 is {@link #QUOTA_EXHAUSTED}). */
    RATE_LIMITED,
    /** WeChat blocked a high-risk user (40226). */
    USER_BLOCKED,
    /** The app's daily quota of token calls is used up (45009), or force refreshes are (stable mode). */
    QUOTA_EXHAUSTED,
    /** The access_token is not valid or not the latest (40001, 40014). */
    INVALID_TOKEN,
    /** The access_token has expired (42001). */
    EXPIRED_TOKEN,
    /** The appid or secret is wrong, or the secret is frozen (40013, 40125, 40243, 40001 on a token call). */
    BAD_CREDENTIALS,
    /** This server's IP address is not on the app's whitelist (40164, 89503). */
    IP_NOT_WHITELISTED,
    /** The session_key signature did not verify (87009) or the method is unsupported (87008). */
    INVALID_SIGNATURE,
    /** WeChat answered "system busy" (-1): safe to retry later. */
    UPSTREAM_BUSY,
    /** WeChat could not be reached, timed out, or answered something that is not its protocol. */
    UPSTREAM_UNAVAILABLE,
    /** WeChat refused the request for a reason wxgate does not map; the errcode says which. */
    REJECTED
}
