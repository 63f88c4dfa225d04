package dev.wxgate.domain.alert;

/** An alert message the receiver did not take (refused, 5xx, timeout); its message holds no URL and no secret. */
public final class AlertNotSentException extends RuntimeException {
    public AlertNotSentException(String reason) {
        super(reason);
    }
}
