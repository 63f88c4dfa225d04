package dev.wxgate.application.alert;

import dev.wxgate.domain.alert.AlertKey;
import dev.wxgate.domain.alert.AlertMessage;
import dev.wxgate.domain.alert.AlertSink;
import dev.wxgate.domain.alert.AlertState;
import dev.wxgate.domain.alert.AlertStates;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Use case: one node's periodic check of the alerts. It evaluates the conditions, records what changed in the shared
 * {@link AlertStates} (a firing alert, a resolved one, a reminder due; each change once for the cluster, by
 * compare-and-set), then sends the messages waiting, claiming each alert's outbox first so that one node sends it. A
 * message the receiver does not take stays in the outbox and is tried again after a backoff: never dropped.
 */
public final class CheckAlerts {
    private static final System.Logger log = System.getLogger(CheckAlerts.class.getName());
    /** Compare-and-set rounds before a change is left to the next check (nodes racing on one alert). */
    private static final int ROUNDS = 5;

    private final AlertConditions conditions;
    private final AlertStates states;
    private final AlertSink sink;
    private final AlertPolicy policy;
    private final Clock clock;

    public CheckAlerts(
            AlertConditions conditions, AlertStates states, AlertSink sink, AlertPolicy policy, Clock clock) {
        this.conditions = conditions;
        this.states = states;
        this.sink = sink;
        this.policy = policy;
        this.clock = clock;
    }

    /** What one check did. */
    public record Report(int firing, int sent, int failed) {}

    /**
     * Evaluates, records and sends.
     *
     * @throws dev.wxgate.domain.StoreUnavailableException when the alert states cannot be reached (nothing is lost:
     *     the next check does it again)
     */
    public Report check() {
        Instant now = clock.instant();
        Evaluation evaluation = conditions.evaluate(now);
        Set<AlertKey> keys = new LinkedHashSet<>(evaluation.firing().keySet());
        states.all().forEach(state -> keys.add(state.key()));
        for (AlertKey key : keys) {
            Optional<String> seen = Optional.ofNullable(evaluation.firing().get(key));
            update(key, current -> AlertMachine.checked(current, key, seen, evaluation.evaluated(key), now, policy));
        }
        int sent = 0;
        int failed = 0;
        for (AlertState state : states.all()) {
            if (state.sendable(clock.instant())) {
                int[] outcome = deliver(state.key());
                sent += outcome[0];
                failed += outcome[1];
            }
        }
        return new Report(evaluation.firing().size(), sent, failed);
    }

    /** Claims the alert's outbox and sends it oldest first, until it is empty or an attempt fails. */
    private int[] deliver(AlertKey key) {
        Optional<AlertState> claimed =
                update(key, current -> current.flatMap(state -> AlertMachine.claimed(state, clock.instant(), policy)));
        if (claimed.isEmpty() || !claimed.get().sender().equals(policy.node())) {
            return new int[] {0, 0};
        }
        int sent = 0;
        AlertState state = claimed.get();
        while (!state.outbox().isEmpty() && state.sender().equals(policy.node())) {
            AlertMessage message = state.outbox().getFirst();
            try {
                sink.send(message, policy.sendTimeout());
            } catch (RuntimeException notTaken) {
                // AlertNotSentException, or a sink's bug: either way the message stays queued.
                Optional<AlertState> after =
                        update(key, current -> current.flatMap(s -> AlertMachine.failed(s, clock.instant(), policy)));
                log.log(
                        Level.WARNING,
                        "alert {0}: the alert webhook did not take the {1} message ({2}, attempt {3}); it stays queued"
                                + " and is tried again after {4}",
                        key.id(),
                        message.status().wireName(),
                        notTaken.getMessage(),
                        String.valueOf(after.map(AlertState::failedAttempts).orElse(0)),
                        after.map(s -> s.nextAttemptAt().toString()).orElse("a backoff"));
                return new int[] {sent, 1};
            }
            sent++;
            log.log(
                    Level.INFO,
                    "alert {0}: {1} message sent",
                    key.id(),
                    message.status().wireName());
            Optional<AlertState> after = update(
                    key, current -> current.flatMap(s -> AlertMachine.sent(s, message, clock.instant(), policy)));
            if (after.isEmpty()) {
                break;
            }
            state = after.get();
        }
        return new int[] {sent, 0};
    }

    /**
     * Applies {@code change} by compare-and-set, re-reading when another node changed the state first; the state
     * stored by this change, or empty when there was nothing to change or the race went on too long.
     */
    private Optional<AlertState> update(AlertKey key, Function<Optional<AlertState>, Optional<AlertState>> change) {
        for (int round = 0; round < ROUNDS; round++) {
            Optional<AlertState> current = states.find(key);
            Optional<AlertState> next = change.apply(current);
            if (next.isEmpty() || next.equals(current)) {
                return Optional.empty();
            }
            if (states.replace(current, next.get())) {
                return next;
            }
        }
        log.log(Level.DEBUG, "alert {0}: other nodes kept changing it; left to the next check", key.id());
        return Optional.empty();
    }
}
