package dev.wxgate.domain.delivery;

import dev.wxgate.domain.callback.PassiveReply;
import java.time.Duration;
import java.util.Optional;

/**
 * Secondary port: one place a stored push is delivered to (the app's webhook, RabbitMQ). An attempt either delivers
 * (the receiver took it: a 2xx, a publisher confirm) or fails with a reason that holds no secret and no message text.
 */
public interface PushSink {

    Sink sink();

    /** Whether {@code push}'s app delivers to this sink. */
    boolean takes(StoredPush push);

    /**
     * One attempt, given up after {@code timeout}.
     *
     * @param attempt which attempt this is, from 1 (sent along, so receivers can see retries)
     */
    Outcome deliver(StoredPush push, int attempt, Duration timeout);

    /** How an attempt ended. */
    sealed interface Outcome {
        /** Taken; with the passive reply the receiver answered, if any (webhook only). */
        record Delivered(Optional<PassiveReply> reply) implements Outcome {}

        /** Not taken: {@code reason} says why (a status, a timeout, a refused connection), for the console. */
        record Failed(String reason) implements Outcome {}
    }
}
