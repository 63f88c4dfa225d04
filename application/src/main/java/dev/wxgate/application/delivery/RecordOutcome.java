package dev.wxgate.application.delivery;

import dev.wxgate.domain.delivery.Claim;
import dev.wxgate.domain.delivery.PushOutbox;
import dev.wxgate.domain.delivery.PushSink.Outcome;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Writes an attempt's outcome to the outbox: delivered; or, when it failed, due again after the backoff, or dead once
 * its retry window is past the max age. The window starts when the push was received, or when an operator last
 * replayed the delivery ({@link Claim#retryFrom()}), so a replayed old push is retried as long as a new one. The last
 * attempt is made at the max age, however the backoff falls.
 */
final class RecordOutcome {
    private static final System.Logger log = System.getLogger(RecordOutcome.class.getName());

    private final PushOutbox outbox;
    private final DeliveryPolicy policy;
    private final DeliveryEvents events;
    private final Clock clock;

    RecordOutcome(PushOutbox outbox, DeliveryPolicy policy, DeliveryEvents events, Clock clock) {
        this.outbox = outbox;
        this.policy = policy;
        this.events = events;
        this.clock = clock;
    }

    /**
     * @return false when the claim was lost (its lease ran out and another node took it): nothing was recorded
     * @throws dev.wxgate.domain.StoreUnavailableException when the outbox cannot be written; the claim then runs out
     *     and the delivery is attempted again (at least once, never lost)
     */
    boolean record(Claim claim, Outcome outcome) {
        Instant now = clock.instant();
        boolean held =
                switch (outcome) {
                    case Outcome.Delivered delivered -> delivered(claim, now);
                    case Outcome.Failed failed -> failed(claim, failed.reason(), now);
                };
        if (!held) {
            log.log(
                    Level.WARNING,
                    "delivery {0} to {1}: claim lost before attempt {2} was recorded (its lease ran out)",
                    claim.push().id(),
                    claim.sink(),
                    claim.attempt());
        }
        return held;
    }

    private boolean delivered(Claim claim, Instant now) {
        if (!outbox.delivered(claim, now)) {
            return false;
        }
        events.delivered(claim, Duration.between(claim.push().receivedAt(), now));
        return true;
    }

    private boolean failed(Claim claim, String reason, Instant now) {
        Instant limit = claim.retryFrom().plus(policy.maxAge());
        if (!now.isBefore(limit)) {
            if (!outbox.dead(claim, reason, now)) {
                return false;
            }
            log.log(
                    Level.WARNING,
                    "delivery {0} to {1} is dead after {2} attempts: {3}",
                    claim.push().id(),
                    claim.sink(),
                    claim.attempt(),
                    reason);
            events.dead(claim);
            return true;
        }
        Instant next = now.plus(policy.backoff().after(claim.attempt()));
        if (!outbox.retryLater(claim, next.isAfter(limit) ? limit : next, reason)) {
            return false;
        }
        events.retried(claim);
        return true;
    }
}
