package dev.wxgate.domain.delivery;

/** How many deliveries are waiting (pending) and how many were given up (dead), across the cluster. */
public record OutboxDepth(long pending, long dead) {}
