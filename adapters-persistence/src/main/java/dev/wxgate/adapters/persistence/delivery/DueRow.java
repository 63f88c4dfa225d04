package dev.wxgate.adapters.persistence.delivery;

/** A due delivery's key in outbox_delivery, as read before claiming it. */
record DueRow(String deliveryId, String sink) {}
