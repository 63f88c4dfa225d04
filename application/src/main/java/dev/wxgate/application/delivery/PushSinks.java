package dev.wxgate.application.delivery;

import dev.wxgate.domain.delivery.Claim;
import dev.wxgate.domain.delivery.PushSink;
import dev.wxgate.domain.delivery.PushSink.Outcome;
import dev.wxgate.domain.delivery.Sink;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The sinks this node can deliver to, by kind; an attempt through them never throws, it fails with a reason. */
final class PushSinks {
    private static final System.Logger log = System.getLogger(PushSinks.class.getName());

    private final Map<Sink, PushSink> bySink = new EnumMap<>(Sink.class);

    PushSinks(List<PushSink> sinks) {
        for (PushSink sink : sinks) {
            if (bySink.putIfAbsent(sink.sink(), sink) != null) {
                throw new IllegalArgumentException("two push sinks for " + sink.sink());
            }
        }
    }

    /** One attempt of a claimed delivery, through the sink of its kind, given up after {@code timeout}. */
    Outcome attempt(Claim claim, Duration timeout) {
        PushSink sink = bySink.get(claim.sink());
        if (sink == null || !sink.takes(claim.push())) {
            // Configuration changed since the push was stored (or a node lacks the sink): retried until it is back.
            return new Outcome.Failed("no " + claim.sink().name().toLowerCase(Locale.ROOT) + " configured for "
                    + claim.push().appId());
        }
        try {
            return sink.deliver(claim.push(), claim.attempt(), timeout);
        } catch (RuntimeException bug) {
            // A sink reports its failures as outcomes; anything thrown is a bug, kept out of the delivery's way.
            log.log(Level.ERROR, "push sink " + claim.sink() + " failed on " + claim.push() + ": " + bug.getClass());
            return new Outcome.Failed("sink error " + bug.getClass().getSimpleName());
        }
    }
}
