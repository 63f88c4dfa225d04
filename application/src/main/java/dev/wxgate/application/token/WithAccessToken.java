package dev.wxgate.application.token;

import dev.wxgate.domain.app.AppId;
import dev.wxgate.domain.token.AccessToken;
import dev.wxgate.domain.wechat.WechatException;
import dev.wxgate.domain.wechat.WechatFailure;
import java.util.function.Function;

/**
 * How wxgate's own WeChat calls that need an access_token (phone number, checksession, ...) get one: through the same
 * token server as every other backend. When WeChat rejects the token (40001, 40014, 42001), it is reported (so one
 * refresh replaces it cluster-wide) and the call is retried once with the current token.
 */
public final class WithAccessToken {
    /** The reporter named in the audit log when wxgate's own call found a token rejected. */
    public static final String REPORTER = "wxgate";

    private final GetAccessToken getAccessToken;
    private final ReportInvalidAccessToken reportInvalid;

    public WithAccessToken(GetAccessToken getAccessToken, ReportInvalidAccessToken reportInvalid) {
        this.getAccessToken = getAccessToken;
        this.reportInvalid = reportInvalid;
    }

    /**
     * Runs {@code call} with the app's current token, and once more with the current one if WeChat rejected it.
     *
     * @throws WechatException what the call throws (on the retry, even a token failure)
     * @throws TokenUnavailableException when no valid token can be had
     */
    public <T> T call(AppId appId, Function<AccessToken, T> call) {
        return call(appId, call, () -> {});
    }

    /**
     * As {@link #call(AppId, Function)}, telling {@code rejected} before the retry: the rejected call cost WeChat
     * quota too, and a caller that counts its calls counts it there.
     */
    public <T> T call(AppId appId, Function<AccessToken, T> call, Runnable rejected) {
        AccessToken token = getAccessToken.current(appId);
        try {
            return call.apply(token);
        } catch (WechatException failed) {
            if (failed.failure() != WechatFailure.INVALID_TOKEN && failed.failure() != WechatFailure.EXPIRED_TOKEN) {
                throw failed;
            }
            rejected.run();
            AccessToken current = reportInvalid.reportInvalid(new InvalidTokenReport(appId, token.value(), REPORTER));
            return call.apply(current);
        }
    }
}
