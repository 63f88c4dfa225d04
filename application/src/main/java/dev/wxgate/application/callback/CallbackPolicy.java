package dev.wxgate.application.callback;

import java.time.Duration;

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
}
