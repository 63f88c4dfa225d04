package dev.wxgate.domain.alert;

import java.time.Duration;

/** Secondary port: where alert messages go to reach a person (the alert webhook). */
public interface AlertSink {

    /**
     * One attempt to hand {@code message} over, given up after {@code timeout}.
     *
     * @throws AlertNotSentException when the receiver did not take it; the reason names no URL and no secret
     */
    void send(AlertMessage message, Duration timeout);
}
