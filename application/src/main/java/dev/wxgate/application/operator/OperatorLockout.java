package dev.wxgate.application.operator;

import java.time.Duration;

/**
 * When repeated failed sign-ins lock a console account, and for how long.
 *
 * @param maxFailures the failed sign-ins since the last good one that lock the account (each one after that locks it
 *     again)
 * @param lockFor how long each lock lasts
 */
public record OperatorLockout(int maxFailures, Duration lockFor) {
    public static final OperatorLockout DEFAULT = new OperatorLockout(5, Duration.ofMinutes(15));

    public OperatorLockout {
        if (maxFailures < 1) {
            throw new IllegalArgumentException("maxFailures must be at least 1");
        }
        if (lockFor == null) {
            throw new IllegalArgumentException("lockFor is required");
        }
        if (lockFor.isNegative() || lockFor.isZero()) {
            throw new IllegalArgumentException("lockFor must be positive");
        }
    }
}
