package dev.wxgate.application.callback;

import dev.wxgate.application.delivery.TakePush;
import dev.wxgate.domain.app.AppId;
import dev.wxgate.domain.app.CallbackSettings;
import dev.wxgate.domain.app.WechatApps;
import dev.wxgate.domain.callback.CallbackDeduplication;
import dev.wxgate.domain.callback.CallbackDeduplication.Kind;
import dev.wxgate.domain.callback.CallbackLog;
import dev.wxgate.domain.callback.CallbackLog.Outcome;
import dev.wxgate.domain.callback.CallbackRejectedException;
import dev.wxgate.domain.callback.CallbackRejectedException.Reason;
import dev.wxgate.domain.callback.CallbackWire;
import dev.wxgate.domain.callback.InboundMessage;
import dev.wxgate.domain.callback.MessageFormat;
import dev.wxgate.domain.callback.MessageHandler;
import dev.wxgate.domain.callback.PassiveReply;
import dev.wxgate.domain.callback.PushEnvelope;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Use case: WeChat pushes a message ({@code POST}). It is authenticated (in the mode the app's pinned
 * {@link dev.wxgate.domain.app.CallbackMode} takes: {@code signature}, or {@code msg_signature} over {@code Encrypt}),
 * checked for freshness (timestamp window), opened by the {@link CallbackWire} (every failure past
 * {@code msg_signature} answered alike), deduplicated across the cluster (nonce used once, WeChat's retries handled
 * once), stored for the app's sinks when it forwards its pushes ({@link TakePush}: stored before it is answered, and
 * only then counted as handled), handed over to the in-process handlers, and answered: {@code success}, or the
 * passive reply, sealed in the mode and with the EncodingAESKey the message came in ({@link KeyChangeover}). The webhook's reply (an app with
 * {@code forward.replies}) wins over an in-process handler's. Every callback is recorded in the {@link CallbackLog}.
 */
public final class ReceiveCallback {
    private final WechatApps apps;
    private final CallbackWire wire;
    private final CallbackDeduplication deduplication;
    private final CallbackLog callbackLog;
    private final HandOver handOver;
    private final Optional<TakePush> takePush;
    private final CallbackPolicy policy;
    private final Clock clock;

    /**
     * @param background runs the handlers that run in the background; must be bounded and refuse work when full
     *     ({@link RejectedExecutionException}), which drops that work and is recorded
     */
    public ReceiveCallback(
            WechatApps apps,
            CallbackWire wire,
            CallbackDeduplication deduplication,
            CallbackLog callbackLog,
            List<MessageHandler> handlers,
            Executor background,
            CallbackPolicy policy,
            Clock clock) {
        this(apps, wire, deduplication, callbackLog, handlers, background, Optional.empty(), policy, clock);
    }

    /**
     * @param takePush stores the pushes of the apps that forward them; without it nothing is stored (pushes are only
     *     handed to the in-process handlers)
     */
    public ReceiveCallback(
            WechatApps apps,
            CallbackWire wire,
            CallbackDeduplication deduplication,
            CallbackLog callbackLog,
            List<MessageHandler> handlers,
            Executor background,
            Optional<TakePush> takePush,
            CallbackPolicy policy,
            Clock clock) {
        this.apps = apps;
        this.wire = wire;
        this.deduplication = deduplication;
        this.callbackLog = callbackLog;
        this.handOver = new HandOver(handlers, background);
        this.takePush = takePush;
        this.policy = policy;
        this.clock = clock;
    }

    /**
     * The answer's body; with a format when it is a reply in that format, without one for {@code success}.
     *
     * @param format the reply's format, empty for plain {@code success}
     */
    public record Answer(String body, Optional<MessageFormat> format) {
        public static final Answer SUCCESS = new Answer("success", Optional.empty());
    }

    /**
     * @throws dev.wxgate.application.UnknownAppException when the app does not receive callbacks here
     * @throws CallbackRejectedException when the callback is forged, replayed, in a mode the app does not take or not
     *     the protocol: its {@code answer()} is what the sender may be told, its {@code reason()} (recorded) what
     *     went wrong
     * @throws dev.wxgate.domain.StoreUnavailableException when duplicates cannot be checked or the push cannot be
     *     stored: then it was not taken (its delivery key and nonce are forgotten), and WeChat's retry is taken anew
     */
    public Answer receive(CallbackPush push) {
        CallbackSettings settings = CallbackApps.settings(apps, push.appId());
        Instant now = clock.instant();
        try {
            InboundMessage message;
            if (push.encryptType().sealedUnder(settings.mode())) {
                KeyChangeover.Opened opened = openSealed(push, settings, now);
                message = opened.message();
                settings = opened.replySettings();
            } else {
                message = openPlain(push, settings, now);
            }
            if (!firstDelivery(message, push)) {
                return duplicate(message, push, settings, now);
            }
            TakePush.Taken taken = take(message, push, now);
            if (taken.state() == TakePush.State.ALREADY_STORED) {
                return duplicate(message, push, settings, now);
            }
            return handOver(message, taken.reply(), push, settings, now);
        } catch (CallbackRejectedException rejected) {
            callbackLog.record(CallbackLog.Entry.rejected(push.appId(), now, rejected.reason()));
            throw rejected;
        }
    }

    /** Plaintext: authenticate by {@code signature}, check freshness, and the body is the message. */
    private InboundMessage openPlain(CallbackPush push, CallbackSettings settings, Instant now) {
        authenticate(push.signed().signPlain(settings.token()));
        policy.checkFresh(push.signed().timestamp(), now);
        return wire.read(push.body()).plainMessage(push.appId());
    }

    /**
     * Sealed: authenticate by {@code msg_signature} over {@code Encrypt}, check freshness, open with the key it was
     * sealed with (during a changeover, the current or the previous one).
     */
    private KeyChangeover.Opened openSealed(CallbackPush push, CallbackSettings settings, Instant now) {
        // Never fall back to signature: it does not cover the body.
        authenticate(push.signed().sealedComplete());
        PushEnvelope envelope = wire.read(push.body());
        String sealed = envelope.encrypt().orElseThrow(() -> new CallbackRejectedException(Reason.MALFORMED));
        authenticate(push.signed().signSealed(settings.token(), sealed));
        policy.checkFresh(push.signed().timestamp(), now);
        return KeyChangeover.open(wire, push.appId(), settings, envelope, now);
    }

    private static void authenticate(boolean signed) {
        if (!signed) {
            throw new CallbackRejectedException(Reason.BAD_SIGNATURE);
        }
    }

    /**
     * Whether this is the message's first delivery. WeChat's retry of a message already taken is a duplicate;
     * anything else reusing a nonce is a replay.
     */
    private boolean firstDelivery(InboundMessage message, CallbackPush push) {
        AppId app = message.appId();
        String nonce =
                CallbackPolicy.nonceKey(push.signed().timestamp(), push.signed().nonce());
        if (!deduplication.firstSeen(app, Kind.NONCE, nonce, policy.nonceMemory())) {
            if (deduplication.seen(app, Kind.DELIVERY, message.deliveryKey())) {
                return false;
            }
            throw new CallbackRejectedException(Reason.REPLAYED_NONCE);
        }
        return deduplication.firstSeen(app, Kind.DELIVERY, message.deliveryKey(), policy.deliveryMemory());
    }

    /**
     * Stores a first delivery for the app's sinks. When that fails, the delivery was not taken: what marked it seen is
     * forgotten, so that WeChat's retry (which may reuse the nonce) is taken anew, and the failure answers an error.
     */
    private TakePush.Taken take(InboundMessage message, CallbackPush push, Instant now) {
        if (takePush.isEmpty()) {
            return new TakePush.Taken(TakePush.State.NOT_FORWARDED, Optional.empty());
        }
        try {
            return takePush.get().take(message, now);
        } catch (RuntimeException notStored) {
            AppId app = message.appId();
            try {
                deduplication.forget(app, Kind.DELIVERY, message.deliveryKey());
                deduplication.forget(
                        app,
                        Kind.NONCE,
                        CallbackPolicy.nonceKey(
                                push.signed().timestamp(), push.signed().nonce()));
            } catch (RuntimeException notForgotten) {
                // Both stores failing at once: the storing failure is what WeChat is answered for.
                notStored.addSuppressed(notForgotten);
            }
            throw notStored;
        }
    }

    /**
     * Hands a first delivery over and answers it: the webhook's reply, else the first inline handler's. A reply is
     * remembered, so WeChat's retries get it again.
     */
    private Answer handOver(
            InboundMessage message,
            Optional<PassiveReply> webhookReply,
            CallbackPush push,
            CallbackSettings settings,
            Instant now) {
        HandOver.Outcome outcome = handOver.handOver(message);
        callbackLog.record(CallbackLog.Entry.of(message, now, outcome.dropped() ? Outcome.DROPPED : Outcome.HANDLED));
        Optional<PassiveReply> reply = webhookReply.or(outcome::reply);
        if (reply.isEmpty()) {
            return Answer.SUCCESS;
        }
        String plain = wire.write(message, reply.get(), now);
        deduplication.rememberReply(message.appId(), message.deliveryKey(), plain, policy.deliveryMemory());
        return answer(plain, message, push, settings, now);
    }

    /** WeChat's retry of a delivery already handled gets the first try's reply again, sealed for this try. */
    private Answer duplicate(InboundMessage message, CallbackPush push, CallbackSettings settings, Instant now) {
        callbackLog.record(CallbackLog.Entry.of(message, now, Outcome.DUPLICATE));
        return deduplication
                .replyTo(message.appId(), message.deliveryKey())
                .map(plain -> answer(plain, message, push, settings, now))
                .orElse(Answer.SUCCESS);
    }

    private Answer answer(
            String plain, InboundMessage message, CallbackPush push, CallbackSettings settings, Instant now) {
        String body = message.mode().encrypted()
                ? wire.seal(message, plain, settings, now, push.signed().nonce())
                : plain;
        return new Answer(body, Optional.of(message.format()));
    }
}
