package dev.wxgate.application.delivery;

import dev.wxgate.domain.StoreUnavailableException;
import dev.wxgate.domain.callback.PassiveReply;
import dev.wxgate.domain.delivery.Claim;
import dev.wxgate.domain.delivery.PushOutbox;
import dev.wxgate.domain.delivery.PushSink.Outcome;
import dev.wxgate.domain.delivery.Sink;
import dev.wxgate.domain.delivery.StoredPush;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Optional;

/**
 * The webhook's first attempt, made inside WeChat's request under the claim the push was stored with, so that its
 * answer can be the passive reply. Past the deadline, or on any failure, the delivery goes on in the background like
 * any other; WeChat is answered either way.
 */
final class AttemptInline {
    private static final System.Logger log = System.getLogger(AttemptInline.class.getName());

    private final PushSinks sinks;
    private final RecordOutcome recordOutcome;

    AttemptInline(PushSinks sinks, RecordOutcome recordOutcome) {
        this.sinks = sinks;
        this.recordOutcome = recordOutcome;
    }

    /** The receiver's passive reply, when its first attempt delivered in time and it answered one. */
    Optional<PassiveReply> attempt(StoredPush push, PushOutbox.Lease lease, Duration deadline) {
        Claim claim = new Claim(push, Sink.WEBHOOK, 1, lease.owner(), lease.until());
        Outcome outcome = sinks.attempt(claim, deadline);
        try {
            recordOutcome.record(claim, outcome);
        } catch (StoreUnavailableException unavailable) {
            // Stored but not marked: the claim runs out and a worker delivers it again (at least once).
            log.log(
                    Level.WARNING,
                    "delivery {0}: the inline attempt''s outcome was not recorded: {1}",
                    push.id(),
                    unavailable.getMessage());
        }
        return outcome instanceof Outcome.Delivered delivered ? delivered.reply() : Optional.empty();
    }
}
