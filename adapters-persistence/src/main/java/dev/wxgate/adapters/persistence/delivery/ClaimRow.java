package dev.wxgate.adapters.persistence.delivery;

import dev.wxgate.adapters.persistence.SqlStore;
import dev.wxgate.domain.app.AppId;
import dev.wxgate.domain.callback.MessageFormat;
import dev.wxgate.domain.delivery.Claim;
import dev.wxgate.domain.delivery.DeliveryId;
import dev.wxgate.domain.delivery.Sink;
import dev.wxgate.domain.delivery.StoredPush;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Optional;

/** A claimed row of outbox_delivery with its push from outbox_push, as read; times are UTC. */
record ClaimRow(
        String deliveryId,
        String sink,
        Integer attempts,
        String appId,
        String deliveryKey,
        String msgType,
        String event,
        String format,
        String raw,
        String messageJson,
        LocalDateTime receivedAt,
        LocalDateTime retryFrom) {

    DueRow key() {
        return new DueRow(deliveryId, sink);
    }

    Claim toClaim(String owner, Instant leaseUntil) {
        StoredPush push = new StoredPush(
                DeliveryId.of(deliveryId),
                AppId.of(appId),
                deliveryKey,
                msgType,
                Optional.ofNullable(event),
                MessageFormat.valueOf(format),
                raw,
                messageJson,
                SqlStore.instant(receivedAt));
        return new Claim(push, Sink.valueOf(sink), attempts, owner, leaseUntil, SqlStore.instant(retryFrom));
    }
}
