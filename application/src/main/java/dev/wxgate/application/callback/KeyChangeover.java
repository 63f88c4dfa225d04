package dev.wxgate.application.callback;

import dev.wxgate.domain.app.AppId;
import dev.wxgate.domain.app.CallbackSettings;
import dev.wxgate.domain.callback.CallbackRejectedException;
import dev.wxgate.domain.callback.CallbackRejectedException.Reason;
import dev.wxgate.domain.callback.CallbackWire;
import dev.wxgate.domain.callback.InboundMessage;
import dev.wxgate.domain.callback.PushEnvelope;
import java.time.Instant;

/**
 * Policy: the EncodingAESKey changeover. A sealed push is opened with the app's current key, else with the key it
 * replaced (WeChat's admin switches keys at once, and its side may still seal with the old one for a while); the
 * reply goes back under the key that opened it, which is the one WeChat's side holds. The previous key is taken until
 * its end; past it, a push it opens is refused as {@link Reason#RETIRED_KEY}, logged with the app (never the key).
 */
final class KeyChangeover {
    private static final System.Logger log = System.getLogger(KeyChangeover.class.getName());

    private KeyChangeover() {}

    /** A sealed push opened, and the settings its reply is sealed with (those of the key that opened it). */
    record Opened(InboundMessage message, CallbackSettings replySettings) {}

    /**
     * @throws CallbackRejectedException NOT_ENCRYPTED when the app has no key, RETIRED_KEY when only the previous key
     *     opens it and its end has passed, otherwise the current key's failure, concealed
     */
    static Opened open(CallbackWire wire, AppId appId, CallbackSettings settings, PushEnvelope envelope, Instant now) {
        CallbackRejectedException currentKeyFailure = null;
        for (String key : settings.encodingAesKeys()) {
            InboundMessage message;
            try {
                message = wire.open(appId, key, envelope);
            } catch (CallbackRejectedException failure) {
                if (currentKeyFailure == null) {
                    currentKeyFailure = failure;
                }
                continue;
            }
            if (!settings.takes(key, now)) {
                log.log(
                        System.Logger.Level.WARNING,
                        "callback for app {0} refused: sealed with its previous EncodingAESKey, whose changeover"
                                + " ended (previous-key-until); is WeChat's admin still on the old key?",
                        appId.value());
                throw new CallbackRejectedException(Reason.RETIRED_KEY);
            }
            return new Opened(message, settings.sealingWith(key));
        }
        if (currentKeyFailure == null) {
            throw new CallbackRejectedException(Reason.NOT_ENCRYPTED);
        }
        // Past msg_signature every failure gets one answer: which one it was stays in our log and the console.
        throw currentKeyFailure.concealed();
    }
}
