package dev.wxgate.domain.wechat;

import java.util.OptionalInt;

/**
 * A failed call to WeChat, typed by {@link WechatFailure}. The message names the endpoint and errcode, never a
 * secret, code or token.
 */
public final class WechatException extends RuntimeException {
    private final WechatFailure failure;
    private final OptionalInt errcode;

    public WechatException(WechatFailure failure, OptionalInt errcode, String message) {
        super(message);
        this.failure = failure;
        this.errcode = errcode;
    }

    public WechatException(WechatFailure failure, String message, Throwable cause) {
        super(message, cause);
        this.failure = failure;
        this.errcode = OptionalInt.empty();
    }

    public WechatFailure failure() {
        return failure;
    }

    /** WeChat's errcode, when WeChat answered one. */
    public OptionalInt errcode() {
        return errcode;
    }
}
