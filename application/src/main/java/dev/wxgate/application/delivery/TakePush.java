package dev.wxgate.application.delivery;

import dev.wxgate.domain.callback.CallbackWire;
import dev.wxgate.domain.callback.InboundMessage;
import dev.wxgate.domain.callback.PassiveReply;
import dev.wxgate.domain.delivery.Claim;
import dev.wxgate.domain.delivery.DeliveryId;
import dev.wxgate.domain.delivery.ForwardSettings;
import dev.wxgate.domain.delivery.Forwarding;
import dev.wxgate.domain.delivery.PushOutbox;
import dev.wxgate.domain.delivery.PushSink;
import dev.wxgate.domain.delivery.Sink;
import dev.wxgate.domain.delivery.StoredPush;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The step of taking a push that makes wxgate responsible for it: a first delivery of an app that forwards its pushes
 * is stored in the {@link PushOutbox}, with a pending delivery to each of the app's sinks, before WeChat is answered.
 * When the app takes replies from its webhook ({@link ForwardSettings#replyDeadline()}), the push is stored with its
 * webhook delivery already claimed by this node and the webhook's first attempt is made at once, within the deadline;
 * its reply, if any, is returned for the answer. Its other sinks (RabbitMQ) are due at once, for any node's worker.
 * Otherwise, when this node has room ({@link DeliverHeldPushes}), the push is stored leased to this node and its
 * deliveries are handed to this node's delivery threads straight away; without room, they are due for any node.
 */
public final class TakePush {
    private final Forwarding forwarding;
    private final CallbackWire wire;
    private final PushOutbox outbox;
    private final DeliveryPolicy policy;
    private final DeliveryEvents events;
    private final AttemptInline attemptInline;
    private final Optional<DeliverHeldPushes> inHand;

    /** Without delivering in hand: every push not attempted inline is due for the workers' next claim. */
    public TakePush(
            Forwarding forwarding,
            CallbackWire wire,
            PushOutbox outbox,
            List<PushSink> sinks,
            DeliveryPolicy policy,
            DeliveryEvents events,
            Clock clock) {
        this(forwarding, wire, outbox, sinks, policy, events, Optional.empty(), clock);
    }

    public TakePush(
            Forwarding forwarding,
            CallbackWire wire,
            PushOutbox outbox,
            List<PushSink> sinks,
            DeliveryPolicy policy,
            DeliveryEvents events,
            Optional<DeliverHeldPushes> inHand,
            Clock clock) {
        this.inHand = inHand;
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
        Set<Sink> sinks = settings.get().sinks();
        Optional<Duration> replyDeadline = settings.get().replyDeadline();
        if (replyDeadline.isEmpty() && inHand.isPresent() && inHand.get().reserve(sinks.size())) {
            return takeInHand(push, sinks, now);
        }
        Optional<PushOutbox.Lease> heldBy = replyDeadline.map(deadline -> new PushOutbox.Lease(
                policy.node(), now.plus(deadline).plus(DeliveryPolicy.INLINE_MARGIN), Sink.WEBHOOK));
        if (!outbox.store(push, sinks, heldBy, now)) {
            return Taken.ALREADY_STORED;
        }
        events.stored(push, sinks);
        if (!heldBy.map(lease -> lease.sinks().containsAll(sinks)).orElse(false)) {
            events.due(push);
        }
        if (heldBy.isEmpty()) {
            return new Taken(State.STORED, Optional.empty());
        }
        return new Taken(State.STORED, attemptInline.attempt(push, heldBy.get(), replyDeadline.orElseThrow()));
    }

    /** Stores the push leased to this node, with room reserved, and hands its deliveries to this node's threads. */
    private Taken takeInHand(StoredPush push, Set<Sink> sinks, Instant now) {
        PushOutbox.Lease lease = new PushOutbox.Lease(policy.node(), now.plus(policy.lease()), sinks);
        boolean stored = false;
        try {
            stored = outbox.store(push, sinks, Optional.of(lease), now);
        } finally {
            if (!stored) {
                inHand.orElseThrow().release(sinks.size());
            }
        }
        if (!stored) {
            return Taken.ALREADY_STORED;
        }
        events.stored(push, sinks);
        inHand.orElseThrow()
                .deliver(sinks.stream()
                        .map(sink -> new Claim(push, sink, 1, lease.owner(), lease.until()))
                        .toList());
        return new Taken(State.STORED, Optional.empty());
    }
}
