package dev.wxgate.adapters.persistence.delivery;

import dev.wxgate.adapters.persistence.SqlStore;
import dev.wxgate.domain.app.AppId;
import dev.wxgate.domain.delivery.Delivery;
import dev.wxgate.domain.delivery.DeliveryId;
import dev.wxgate.domain.delivery.DeliveryState;
import dev.wxgate.domain.delivery.Sink;
import java.time.LocalDateTime;
import java.util.Optional;

/** A row of outbox_delivery with its push's type, as the console lists it; times are UTC. */
record DeliveryRow(
        String deliveryId,
        String sink,
        String appId,
        String msgType,
        String event,
        String state,
        Integer attempts,
        LocalDateTime receivedAt,
        LocalDateTime nextAttemptAt,
        LocalDateTime finishedAt,
        String lastError) {

    Delivery toDelivery() {
        DeliveryState current = DeliveryState.valueOf(state);
        return new Delivery(
                DeliveryId.of(deliveryId),
                AppId.of(appId),
                Sink.valueOf(sink),
                msgType,
                Optional.ofNullable(event),
                current,
                attempts,
                SqlStore.instant(receivedAt),
                Optional.ofNullable(nextAttemptAt)
                        .filter(unused -> current == DeliveryState.PENDING)
                        .map(SqlStore::instant),
                Optional.ofNullable(finishedAt)
                        .filter(unused -> current == DeliveryState.DELIVERED)
                        .map(SqlStore::instant),
                Optional.ofNullable(lastError));
    }
}
