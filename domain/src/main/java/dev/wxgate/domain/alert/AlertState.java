package dev.wxgate.domain.alert;

import dev.wxgate.domain.Require;
import java.time.Instant;
import java.util.List;

/**
 * One alert as the cluster knows it: whether it fires, since when, when a node last saw its condition, and the
 * messages about it not yet taken by the receiver (oldest first), with their delivery's retry state.
 *
 * @param since when it started firing (while resolved: when the last firing started)
 * @param lastSeen when a node last found the condition holding
 * @param lastNotified when a firing message about it was last sent (or queued, until sent): reminders count from it
 * @param outbox messages not yet taken, oldest first: nothing is dropped while the receiver is down
 * @param failedAttempts failed attempts to send the oldest message, in a row
 * @param nextAttemptAt when the outbox may be sent (again); also the end of a sender's claim
 * @param sender the node that claimed the outbox until {@code nextAttemptAt}; empty when none
 */
public record AlertState(
        AlertKey key,
        boolean firing,
        String summary,
        Instant since,
        Instant lastSeen,
        Instant lastNotified,
        List<AlertMessage> outbox,
        int failedAttempts,
        Instant nextAttemptAt,
        String sender) {

    public AlertState {
        Require.present(key, "key");
        Require.present(summary, "summary");
        Require.present(since, "since");
        Require.present(lastSeen, "lastSeen");
        Require.present(lastNotified, "lastNotified");
        Require.present(nextAttemptAt, "nextAttemptAt");
        Require.present(sender, "sender");
        outbox = List.copyOf(Require.present(outbox, "outbox"));
        if (failedAttempts < 0) {
            throw new IllegalArgumentException("failedAttempts must not be negative");
        }
    }

    /** Whether messages wait and may be sent at {@code now} (not under another sender's claim, not backing off). */
    public boolean sendable(Instant now) {
        return !outbox.isEmpty() && !now.isBefore(nextAttemptAt);
    }
}
