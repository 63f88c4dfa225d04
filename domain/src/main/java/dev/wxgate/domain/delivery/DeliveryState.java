package dev.wxgate.domain.delivery;

/** Where one sink's delivery of a push stands. */
public enum DeliveryState {
    /** Not delivered yet: waiting for its next attempt, or being attempted under a lease. */
    PENDING,
    DELIVERED,
    /** Given up after the retry limit; an ADMIN may replay it. */
    DEAD
}
