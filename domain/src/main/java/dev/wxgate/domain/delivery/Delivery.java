package dev.wxgate.domain.delivery;

import dev.wxgate.domain.Require;
import dev.wxgate.domain.app.AppId;
import java.time.Instant;
import java.util.Optional;

/**
 * One sink's delivery of a push, as the console shows it.
 *
 * @param attempts how many attempts were made so far
 * @param nextAttemptAt when it is tried next (pending only)
 * @param lastError why the last attempt failed: a status or a kind of failure, never a secret or the message
 */
public record Delivery(
        DeliveryId id,
        AppId appId,
        Sink sink,
        String msgType,
        Optional<String> event,
        DeliveryState state,
        int attempts,
        Instant receivedAt,
        Optional<Instant> nextAttemptAt,
        Optional<Instant> deliveredAt,
        Optional<String> lastError) {

    public Delivery {
        Require.present(id, "id");
        Require.present(appId, "appId");
        Require.present(sink, "sink");
        Require.present(msgType, "msgType");
        Require.present(event, "event");
        Require.present(state, "state");
        Require.present(receivedAt, "receivedAt");
        Require.present(nextAttemptAt, "nextAttemptAt");
        Require.present(deliveredAt, "deliveredAt");
        Require.present(lastError, "lastError");
    }
}
