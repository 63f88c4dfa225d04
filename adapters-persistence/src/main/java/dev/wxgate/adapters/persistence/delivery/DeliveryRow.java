package dev.wxgate.adapters.persistence.delivery;

import java.time.LocalDateTime;

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
        String lastError) {}
