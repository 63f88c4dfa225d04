package dev.wxgate.application.alert;

/**
 * When the conditions fire.
 *
 * @param quotaPercent an app's token calls today at or above this share of its daily quota fire {@code token_quota}
 * @param refreshFailures this many failed refreshes in a row fire {@code refresh_failing}
 * @param backlog more pending push deliveries than this fire {@code push_backlog}
 */
public record AlertThresholds(int quotaPercent, int refreshFailures, long backlog) {
    public AlertThresholds {
        if (quotaPercent < 1 || quotaPercent > 100) {
            throw new IllegalArgumentException("quota-percent must be between 1 and 100");
        }
        if (refreshFailures < 1) {
            throw new IllegalArgumentException("refresh-failures must be at least 1");
        }
        if (backlog < 0) {
            throw new IllegalArgumentException("backlog-threshold must not be negative");
        }
    }
}
