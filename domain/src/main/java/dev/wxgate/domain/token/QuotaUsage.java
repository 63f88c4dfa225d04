package dev.wxgate.domain.token;

import java.time.Instant;
import java.util.Optional;

/**
 * One app's use of WeChat's token endpoints on one WeChat day: calls made (each costs quota), how many of them failed,
 * how many forced a new token, and when the last forced refresh was granted (on any day).
 */
public record QuotaUsage(long calls, long errors, long forcedRefreshes, Optional<Instant> lastForcedAt) {
    public static final QuotaUsage NONE = new QuotaUsage(0, 0, 0, Optional.empty());

    public QuotaUsage {
        if (calls < 0 || errors < 0 || forcedRefreshes < 0) {
            throw new IllegalArgumentException("quota counts must not be negative");
        }
        if (lastForcedAt == null) {
            throw new IllegalArgumentException("lastForcedAt is required");
        }
    }
}
