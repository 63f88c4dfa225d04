package dev.wxgate.application.operator;

import java.time.Duration;

/**
 * When repeated failed sign-ins lock console sign-ins, and for how long.
 *
 * @param maxFailures the failed sign-ins in a row as one operator from one client address that lock that operator from
 *     that address (each one after that locks it again until a good sign-in from there)
 * @param lockFor how long each lock lasts; also the window in which {@code maxFailuresPerAddress} are counted
 * @param maxFailuresPerAddress the failed sign-ins from one client address, whatever the username, within
 *     {@code lockFor} that refuse every sign-in from that address for {@code lockFor}
 */
public record OperatorLockout(int maxFailures, Duration lockFor, int maxFailuresPerAddress) {
    public static final OperatorLockout DEFAULT = new OperatorLockout(5, Duration.ofMinutes(15), 20);

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
        if (maxFailuresPerAddress < 1) {
            throw new IllegalArgumentException("maxFailuresPerAddress must be at least 1");
        }
    }
}
