package dev.wxgate.application.delivery;

import dev.wxgate.domain.StoreUnavailableException;
import dev.wxgate.domain.delivery.Claim;
import dev.wxgate.domain.delivery.PushOutbox;
import dev.wxgate.domain.delivery.PushSink;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.List;

/**
 * One attempt of a claimed delivery in the background, its outcome recorded. Never throws: a delivery whose outcome
 * could not be recorded keeps its claim until the lease ends, and is attempted again then (at least once, never lost).
 */
final class AttemptDelivery {
    private static final System.Logger log = System.getLogger(AttemptDelivery.class.getName());

    private final PushSinks sinks;
    private final RecordOutcome recordOutcome;
    private final DeliveryPolicy policy;

    AttemptDelivery(
            PushOutbox outbox, List<PushSink> sinks, DeliveryPolicy policy, DeliveryEvents events, Clock clock) {
        this.sinks = new PushSinks(sinks);
        this.recordOutcome = new RecordOutcome(outbox, policy, events, clock);
        this.policy = policy;
    }

    void attempt(Claim claim) {
        try {
            recordOutcome.record(claim, sinks.attempt(claim, policy.attemptTimeout()));
        } catch (StoreUnavailableException unavailable) {
            log.log(
                    Level.WARNING,
                    "delivery {0} to {1}: outcome not recorded: {2}",
                    claim.push().id(),
                    claim.sink(),
                    unavailable.getMessage());
        } catch (RuntimeException bug) {
            // One delivery's bug must not stop the others; the claim runs out and it is attempted again.
            log.log(Level.ERROR, "delivery " + claim.push().id() + " to " + claim.sink() + " failed: " + bug);
        }
    }
}
