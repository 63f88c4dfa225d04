package dev.wxgate.adapters.persistence.delivery;

import java.time.LocalDateTime;

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
        LocalDateTime receivedAt) {}
