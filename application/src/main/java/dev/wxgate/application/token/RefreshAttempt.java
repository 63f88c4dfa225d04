package dev.wxgate.application.token;

import dev.wxgate.domain.wechat.WechatFailure;
import java.util.Locale;

/** How one attempt to refresh a credential ended, as metrics count it. */
public enum RefreshAttempt {
    /** WeChat issued a token and this node stored it. */
    REFRESHED,
    /** Forced: WeChat issued a new token that replaced the previous one at once. */
    FORCED,
    /** After taking the lock the stored token was already good: another node had refreshed. No call to WeChat. */
    ALREADY_FRESH,
    /** A newer token was stored while this node fetched; its older token was dropped. */
    LOST_RACE,
    /** WeChat refused or could not be reached, for a reason other than {@link #BAD_CREDENTIALS}. */
    FAILED,
    /**
     * WeChat refused the app's credentials (40013 bad appid, 40125 bad secret, 40243 frozen secret) or this server's
     * IP address (40164): it fails until an operator fixes the configuration, so alerts page on it at once.
     */
    BAD_CREDENTIALS,
    /** Not attempted: the app is backing off after a failure. */
    BACKING_OFF,
    /** Not attempted: another node held the lock for longer than the lock wait. */
    LOCK_TIMEOUT,
    /** A forced refresh refused by WeChat's budget (stable mode: 20 a day, 30 s apart). */
    REFUSED;

    /** How an attempt that WeChat failed with {@code failure} ended. */
    public static RefreshAttempt failed(WechatFailure failure) {
        return failure == WechatFailure.BAD_CREDENTIALS || failure == WechatFailure.IP_NOT_WHITELISTED
                ? BAD_CREDENTIALS
                : FAILED;
    }

    /** The lowercase name used as a metric tag. */
    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
