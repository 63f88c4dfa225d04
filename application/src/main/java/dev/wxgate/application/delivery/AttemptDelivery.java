package dev.wxgate.application.delivery;

import dev.wxgate.domain.StoreUnavailableException;
import dev.wxgate.domain.delivery.Claim;
import java.lang.System.Logger.Level;

/**
 * One attempt of a claimed delivery in the background, its outcome recorded. Never throws: a delivery whose outcome
 * could not be recorded keeps its claim until the lease ends, and is attempted again then (at least once, never lost).
 */
final class AttemptDelivery {
    private static final System.Logger log = System.getLogger(AttemptDelivery.class.getName());

    private final PushSinks sinks;
    private final RecordOutcome recordOutcome;
    private final DeliveryPolicy policy;

    AttemptDelivery(PushSinks sinks, RecordOutcome recordOutcome, DeliveryPolicy policy) {
        this.sinks = sinks;
        this.recordOutcome = recordOutcome;
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
