package dev.wxgate.application.callback;

import dev.wxgate.domain.app.AppId;
import dev.wxgate.domain.app.WechatApps;
import dev.wxgate.domain.callback.CallbackRejectedException;
import dev.wxgate.domain.callback.CallbackSignature;

/**
 * Use case: WeChat checks that the callback URL is ours ({@code GET}): the signature over token, timestamp and nonce
 * must match, then echostr is answered as it came.
 */
public final class VerifyCallbackUrl {
    private final WechatApps apps;

    public VerifyCallbackUrl(WechatApps apps) {
        this.apps = apps;
    }

    /** The query WeChat sends; any part may be missing. */
    public record Command(AppId appId, String signature, String timestamp, String nonce, String echostr) {}

    /**
     * @return the echostr to answer
     * @throws dev.wxgate.application.UnknownAppException when the app does not receive callbacks here
     * @throws CallbackRejectedException BAD_SIGNATURE when the signature does not match or a part is missing
     */
    public String verify(Command command) {
        String token = CallbackApps.settings(apps, command.appId()).token();
        if (command.echostr() == null
                || !CallbackSignature.matches(command.signature(), token, command.timestamp(), command.nonce())) {
            throw new CallbackRejectedException(CallbackRejectedException.Reason.BAD_SIGNATURE);
        }
        return command.echostr();
    }
}
