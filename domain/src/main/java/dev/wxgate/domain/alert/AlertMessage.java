package dev.wxgate.domain.alert;

import dev.wxgate.domain.Require;
import java.time.Instant;

/**
 * One message to the people on call: an alert that started firing (or is still firing, as a reminder), or that
 * resolved.
 *
 * @param since when the alert started firing (also in the {@code resolved} message, so it tells how long it lasted)
 * @param at when this message was made: the change, or the reminder
 */
public record AlertMessage(AlertKey key, Status status, String summary, Instant since, Instant at) {

    /** Whether the condition holds. */
    public enum Status {
        FIRING,
        RESOLVED;

        public String wireName() {
            return this == FIRING ? "firing" : "resolved";
        }
    }

    public AlertMessage {
        Require.present(key, "key");
        Require.present(status, "status");
        Require.present(summary, "summary");
        Require.present(since, "since");
        Require.present(at, "at");
    }

    /** Stable across attempts, so a receiver can drop a message it got twice (after a node died mid-send). */
    public String id() {
        return key.id() + ":" + status.wireName() + ":" + at.toEpochMilli();
    }
}
