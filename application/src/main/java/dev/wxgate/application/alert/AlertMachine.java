package dev.wxgate.application.alert;

import dev.wxgate.domain.alert.AlertKey;
import dev.wxgate.domain.alert.AlertMessage;
import dev.wxgate.domain.alert.AlertMessage.Status;
import dev.wxgate.domain.alert.AlertState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The alert state machine, pure: each function takes the stored state and answers the next one, or empty when there
 * is nothing to change. A change queues its message in the state's outbox, so a message exists once however many
 * nodes saw the change (the store's compare-and-set lets one of them record it), and waits there until sent.
 */
final class AlertMachine {
    private AlertMachine() {}

    /**
     * One node's check of one alert.
     *
     * @param seen the condition's summary when it holds at this check
     * @param evaluated whether this node could evaluate the condition at all (an alert is never cleared blind)
     */
    static Optional<AlertState> checked(
            Optional<AlertState> current,
            AlertKey key,
            Optional<String> seen,
            boolean evaluated,
            Instant now,
            AlertPolicy policy) {
        if (seen.isPresent()) {
            return Optional.of(seen(current, key, seen.get(), now, policy));
        }
        if (current.isEmpty() || !current.get().firing() || !evaluated) {
            return Optional.empty();
        }
        AlertState state = current.get();
        if (now.isBefore(state.lastSeen().plus(policy.staleAfter()))) {
            // Another node may see it (a failed refresh is seen where it happened): wait until nobody has.
            return Optional.empty();
        }
        AlertMessage resolved =
                new AlertMessage(key, Status.RESOLVED, "resolved: " + state.summary(), state.since(), now);
        return Optional.of(queue(
                new AlertState(
                        key,
                        false,
                        state.summary(),
                        state.since(),
                        state.lastSeen(),
                        state.lastNotified(),
                        state.outbox(),
                        state.failedAttempts(),
                        state.nextAttemptAt(),
                        state.sender()),
                resolved,
                now,
                policy));
    }

    private static AlertState seen(
            Optional<AlertState> current, AlertKey key, String summary, Instant now, AlertPolicy policy) {
        if (current.isEmpty() || !current.get().firing()) {
            AlertMessage firing = new AlertMessage(key, Status.FIRING, summary, now, now);
            AlertState base = current.orElse(new AlertState(key, true, summary, now, now, now, List.of(), 0, now, ""));
            return queue(
                    new AlertState(
                            key,
                            true,
                            summary,
                            now,
                            now,
                            now,
                            base.outbox(),
                            base.failedAttempts(),
                            base.nextAttemptAt(),
                            base.sender()),
                    firing,
                    now,
                    policy);
        }
        AlertState state = current.get();
        Instant lastSeen = now.isAfter(state.lastSeen()) ? now : state.lastSeen();
        AlertState updated = new AlertState(
                key,
                true,
                summary,
                state.since(),
                lastSeen,
                state.lastNotified(),
                state.outbox(),
                state.failedAttempts(),
                state.nextAttemptAt(),
                state.sender());
        boolean firingQueued = state.outbox().stream().anyMatch(message -> message.status() == Status.FIRING);
        if (!firingQueued && !now.isBefore(state.lastNotified().plus(policy.repeatInterval()))) {
            AlertMessage reminder = new AlertMessage(key, Status.FIRING, summary, state.since(), now);
            AlertState reminded = queue(updated, reminder, now, policy);
            return withLastNotified(reminded, now);
        }
        return updated;
    }

    /** Claims the outbox for {@code policy.node()} until the lease ends, if it may be sent now. */
    static Optional<AlertState> claimed(AlertState state, Instant now, AlertPolicy policy) {
        if (!state.sendable(now)) {
            return Optional.empty();
        }
        return Optional.of(withDelivery(
                state, state.outbox(), state.failedAttempts(), now.plus(policy.claimLease()), policy.node()));
    }

    /**
     * {@code message}, the oldest, was taken: it leaves the outbox. The claim goes on while more wait, else ends. Empty
     * when it is no longer the oldest (taken already).
     */
    static Optional<AlertState> sent(AlertState state, AlertMessage message, Instant now, AlertPolicy policy) {
        if (state.outbox().isEmpty() || !state.outbox().getFirst().equals(message)) {
            return Optional.empty();
        }
        List<AlertMessage> rest = state.outbox().subList(1, state.outbox().size());
        boolean more = !rest.isEmpty();
        AlertState next =
                withDelivery(state, rest, 0, more ? now.plus(policy.claimLease()) : now, more ? policy.node() : "");
        return Optional.of(message.status() == Status.FIRING ? withLastNotified(next, now) : next);
    }

    /** The oldest message was not taken: the claim ends, and the next attempt waits out the backoff. */
    static Optional<AlertState> failed(AlertState state, Instant now, AlertPolicy policy) {
        if (state.outbox().isEmpty() || !state.sender().equals(policy.node())) {
            return Optional.empty();
        }
        int failures = state.failedAttempts() + 1;
        return Optional.of(withDelivery(
                state, state.outbox(), failures, now.plus(policy.backoff().after(failures)), ""));
    }

    private static AlertState queue(AlertState state, AlertMessage message, Instant now, AlertPolicy policy) {
        List<AlertMessage> outbox = new ArrayList<>(state.outbox());
        outbox.add(message);
        while (outbox.size() > policy.maxOutbox()) {
            outbox.removeFirst();
        }
        if (state.outbox().isEmpty()) {
            return withDelivery(state, outbox, 0, now, "");
        }
        return withDelivery(state, outbox, state.failedAttempts(), state.nextAttemptAt(), state.sender());
    }

    private static AlertState withDelivery(
            AlertState s, List<AlertMessage> outbox, int failedAttempts, Instant nextAttemptAt, String sender) {
        return new AlertState(
                s.key(),
                s.firing(),
                s.summary(),
                s.since(),
                s.lastSeen(),
                s.lastNotified(),
                outbox,
                failedAttempts,
                nextAttemptAt,
                sender);
    }

    private static AlertState withLastNotified(AlertState s, Instant at) {
        return new AlertState(
                s.key(),
                s.firing(),
                s.summary(),
                s.since(),
                s.lastSeen(),
                at,
                s.outbox(),
                s.failedAttempts(),
                s.nextAttemptAt(),
                s.sender());
    }
}
