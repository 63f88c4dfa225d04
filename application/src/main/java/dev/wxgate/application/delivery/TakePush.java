package dev.wxgate.application.delivery;

import dev.wxgate.domain.callback.CallbackWire;
import dev.wxgate.domain.callback.InboundMessage;
import dev.wxgate.domain.callback.PassiveReply;
import dev.wxgate.domain.delivery.DeliveryId;
import dev.wxgate.domain.delivery.ForwardSettings;
import dev.wxgate.domain.delivery.Forwarding;
import dev.wxgate.domain.delivery.PushOutbox;
import dev.wxgate.domain.delivery.PushSink;
import dev.wxgate.domain.delivery.Sink;
import dev.wxgate.domain.delivery.StoredPush;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The step of taking a push that makes wxgate responsible for it: a first delivery of an app that forwards its pushes
 * is stored in the {@link PushOutbox}, with a pending delivery to each of the app's sinks, before WeChat is answered.
 * When the app takes replies from its webhook ({@link ForwardSettings#replyDeadline()}), the push is stored with its
 * webhook delivery already claimed by this node and the webhook's first attempt is made at once, within the deadline;
 * its reply, if any, is returned for the answer. Its other sinks (RabbitMQ) are due at once, for any node's worker.
 */
public final class TakePush {
    private final Forwarding forwarding;
    private final CallbackWire wire;
    private final PushOutbox outbox;
    private final DeliveryPolicy policy;
    private final DeliveryEvents events;
    private final AttemptInline attemptInline;

    public TakePush(
            Forwarding forwarding,
            CallbackWire wire,
            PushOutbox outbox,
            List<PushSink> sinks,
            DeliveryPolicy policy,
            DeliveryEvents events,
            Clock clock) {
        this.forwarding = forwarding;
        this.wire = wire;
        this.outbox = outbox;
        this.policy = policy;
        this.events = events;
        this.attemptInline = new AttemptInline(new PushSinks(sinks), new RecordOutcome(outbox, policy, events, clock));
    }

    /** What became of a push. */
    public enum State {
        /** The app forwards nothing: nothing was stored. */
        NOT_FORWARDED,
        STORED,
        /** An earlier try of the same delivery was stored already (its duplicate entry had expired): a duplicate. */
        ALREADY_STORED
    }

    /**
     * @param reply the webhook's passive reply, from an inline first attempt
     */
    public record Taken(State state, Optional<PassiveReply> reply) {
        static final Taken NOT_FORWARDED = new Taken(State.NOT_FORWARDED, Optional.empty());
        static final Taken ALREADY_STORED = new Taken(State.ALREADY_STORED, Optional.empty());
    }

    /**
     * Stores a first delivery (and attempts its webhook inline when the app takes replies).
     *
     * @param now when the push was received
     * @throws dev.wxgate.domain.StoreUnavailableException when it cannot be stored: it was not taken
     */
    public Taken take(InboundMessage message, Instant now) {
        events.received(message.appId());
        Optional<ForwardSettings> settings = forwarding.of(message.appId());
        if (settings.isEmpty()) {
            return Taken.NOT_FORWARDED;
        }
        StoredPush push = new StoredPush(
                DeliveryId.random(),
                message.appId(),
                message.deliveryKey(),
                message.msgType(),
                message.event(),
                message.format(),
                message.raw(),
                wire.messageJson(message),
                now);
        Optional<PushOutbox.Lease> heldBy = settings.get()
                .replyDeadline()
                .map(deadline -> new PushOutbox.Lease(
                        policy.node(), now.plus(deadline).plus(DeliveryPolicy.INLINE_MARGIN), Sink.WEBHOOK));
        if (!outbox.store(push, settings.get().sinks(), heldBy, now)) {
            return Taken.ALREADY_STORED;
        }
        events.stored(push, settings.get().sinks());
        if (heldBy.isEmpty()) {
            return new Taken(State.STORED, Optional.empty());
        }
        return new Taken(
                State.STORED,
                attemptInline.attempt(
                        push, heldBy.get(), settings.get().replyDeadline().orElseThrow()));
    }
}
