package dev.wxgate.adapters.wechat;

import static dev.wxgate.domain.wechat.WechatFailure.BAD_CREDENTIALS;
import static dev.wxgate.domain.wechat.WechatFailure.CODE_USED;
import static dev.wxgate.domain.wechat.WechatFailure.EXPIRED_TOKEN;
import static dev.wxgate.domain.wechat.WechatFailure.INVALID_CODE;
import static dev.wxgate.domain.wechat.WechatFailure.INVALID_SIGNATURE;
import static dev.wxgate.domain.wechat.WechatFailure.INVALID_TOKEN;
import static dev.wxgate.domain.wechat.WechatFailure.IP_NOT_WHITELISTED;
import static dev.wxgate.domain.wechat.WechatFailure.QUOTA_EXHAUSTED;
import static dev.wxgate.domain.wechat.WechatFailure.RATE_LIMITED;
import static dev.wxgate.domain.wechat.WechatFailure.REJECTED;
import static dev.wxgate.domain.wechat.WechatFailure.UPSTREAM_BUSY;
import static dev.wxgate.domain.wechat.WechatFailure.USER_BLOCKED;

import dev.wxgate.domain.wechat.WechatFailure;

/** Internal: WeChat's errcodes in the domain's terms. */
final class WechatErrors {
    /** "System busy, retry later": the one errcode WeChat documents as safe to retry. */
    static final int BUSY = -1;

    static final int INVALID_SIGNATURE_ERRCODE = 87009;

    private WechatErrors() {}

    static WechatFailure failureOf(int errcode, Endpoint endpoint) {
        return switch (errcode) {
            case BUSY -> UPSTREAM_BUSY;
            case 40029 -> INVALID_CODE;
            case 40163 -> CODE_USED;
            case 45011 -> RATE_LIMITED;
            case 40226 -> USER_BLOCKED;
            case 45009 -> QUOTA_EXHAUSTED;
            // 40001 reads "invalid credential": the token when one was sent, otherwise the secret. Mapping it to
            // INVALID_TOKEN on a token call would make callers refresh with the very secret that just failed.
            case 40001 -> endpoint.sendsAccessToken() ? INVALID_TOKEN : BAD_CREDENTIALS;
            case 40014, 41001 -> INVALID_TOKEN;
            case 42001 -> EXPIRED_TOKEN;
            case 40013, 40125, 40243, 41002, 41004 -> BAD_CREDENTIALS;
            case 40164, 89503 -> IP_NOT_WHITELISTED;
            case INVALID_SIGNATURE_ERRCODE, 87008 -> INVALID_SIGNATURE;
            default -> REJECTED;
        };
    }
}
