package dev.wxgate.application.callback;

import dev.wxgate.domain.app.AppId;
import dev.wxgate.domain.app.WechatApps;
import dev.wxgate.domain.callback.CallbackDeduplication;
import dev.wxgate.domain.callback.CallbackRejectedException;
import dev.wxgate.domain.callback.CallbackRejectedException.Reason;
import dev.wxgate.domain.callback.CallbackSignature;
import java.time.Clock;

/**
 * Use case: WeChat checks that the callback URL is ours ({@code GET}): the signature over token, timestamp and nonce
 * must match, the timestamp be inside the window and the nonce unused (as for a push: the same signature signs a
 * plaintext push, so a captured verification must not be replayed as one, nor be answered twice), then echostr is
 * answered as it came.
 */
public final class VerifyCallbackUrl {
    private final WechatApps apps;
    private final CallbackDeduplication deduplication;
    private final CallbackPolicy policy;
    private final Clock clock;

    public VerifyCallbackUrl(WechatApps apps, CallbackDeduplication deduplication, CallbackPolicy policy, Clock clock) {
        this.apps = apps;
        this.deduplication = deduplication;
        this.policy = policy;
        this.clock = clock;
    }

    /** The query WeChat sends; any part may be missing. */
    public record Command(AppId appId, String signature, String timestamp, String nonce, String echostr) {}

    /**
     * @return the echostr to answer
     * @throws dev.wxgate.application.UnknownAppException when the app does not receive callbacks here
     * @throws CallbackRejectedException BAD_SIGNATURE when the signature does not match or a part is missing,
     *     STALE_TIMESTAMP when the timestamp is outside the window, REPLAYED_NONCE when the nonce was used within it
     * @throws dev.wxgate.domain.StoreUnavailableException when the nonce cannot be checked
     */
    public String verify(Command command) {
        String token = CallbackApps.settings(apps, command.appId()).token();
        if (command.echostr() == null
                || !CallbackSignature.matches(command.signature(), token, command.timestamp(), command.nonce())) {
            throw new CallbackRejectedException(Reason.BAD_SIGNATURE);
        }
        policy.checkFresh(command.timestamp(), clock.instant());
        if (!deduplication.firstSeen(
                command.appId(),
                CallbackDeduplication.Kind.NONCE,
                CallbackPolicy.nonceKey(command.timestamp(), command.nonce()),
                policy.nonceMemory())) {
            throw new CallbackRejectedException(Reason.REPLAYED_NONCE);
        }
        return command.echostr();
    }
}
