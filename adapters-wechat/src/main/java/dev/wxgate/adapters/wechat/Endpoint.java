package dev.wxgate.adapters.wechat;

import dev.wxgate.domain.wechat.WechatException;
import dev.wxgate.domain.wechat.WechatFailure;
import java.util.OptionalInt;

/**
 * Internal: one WeChat endpoint, and whether its calls carry an access_token (which decides what errcode 40001
 * means).
 */
record Endpoint(String path, boolean sendsAccessToken) {

    static Endpoint withAccessToken(String path) {
        return new Endpoint(path, true);
    }

    /** The token endpoints and login: they authenticate with appid and secret, never with a token. */
    static Endpoint withAppSecret(String path) {
        return new Endpoint(path, false);
    }

    /** An answer that breaks the contract, told without quoting it: answers carry tokens and keys. */
    WechatException malformed(String what) {
        return new WechatException(
                WechatFailure.UPSTREAM_UNAVAILABLE, OptionalInt.empty(), "WeChat " + path + " answered " + what);
    }

    <T> T required(T value, String field) {
        if (value == null) {
            throw malformed("without " + field);
        }
        return value;
    }
}
