package dev.wxgate.application.callback;

import dev.wxgate.domain.callback.CallbackRejectedException;
import java.time.Duration;
import java.time.Instant;

/**
 * How callbacks are accepted.
 *
 * @param timestampWindow how far a request's timestamp may be from now, either way; its nonce is remembered twice as
 *     long, so a replay within the window is caught
 * @param deliveryMemory how long a message's delivery key is remembered, so WeChat's retries are handled once
 */
public record CallbackPolicy(Duration timestampWindow, Duration deliveryMemory) {
    public CallbackPolicy {
        if (timestampWindow == null || timestampWindow.isNegative() || timestampWindow.isZero()) {
            throw new IllegalArgumentException("timestampWindow must be positive");
        }
        if (deliveryMemory == null || deliveryMemory.isNegative() || deliveryMemory.isZero()) {
            throw new IllegalArgumentException("deliveryMemory must be positive");
        }
    }

    /**
     * Checks a request's timestamp (seconds since the epoch, as WeChat sends it) against the window.
     *
     * @throws CallbackRejectedException STALE_TIMESTAMP when it is missing, not a number or outside the window
     */
    void checkFresh(String timestamp, Instant now) {
        long seconds;
        try {
            seconds = Long.parseLong(timestamp);
        } catch (NumberFormatException notANumber) {
            throw new CallbackRejectedException(CallbackRejectedException.Reason.STALE_TIMESTAMP);
        }
        if (Math.abs((double) seconds - now.getEpochSecond()) > timestampWindow.toSeconds()) {
            throw new CallbackRejectedException(CallbackRejectedException.Reason.STALE_TIMESTAMP);
        }
    }

    /** How long a request's nonce is remembered: a timestamp still inside the window cannot bring it back. */
    Duration nonceMemory() {
        return timestampWindow.multipliedBy(2);
    }

    /**
     * What identifies a request for the nonce check: URL verifications and pushes share it, as they share signatures.
     */
    static String nonceKey(String timestamp, String nonce) {
        return timestamp + ":" + nonce;
    }
}
