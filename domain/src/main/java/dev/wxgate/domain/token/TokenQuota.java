package dev.wxgate.domain.token;

import dev.wxgate.domain.app.AppId;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Secondary port: the accounting of each app's calls to WeChat's token endpoints per WeChat day (China time), shared by
 * every wxgate node, and the budget of forced refreshes.
 *
 * @throws dev.wxgate.domain.StoreUnavailableException from any method when the store cannot be reached
 */
public interface TokenQuota {

    /** Counts one call on {@code day}, failed or not; returns the day's usage including it. */
    QuotaUsage recordCall(AppId appId, LocalDate day, boolean failed);

    /**
     * Spends one forced refresh if the budget allows: fewer than {@code dailyLimit} granted on {@code day} and none in
     * the {@code spacing} before {@code now}. Atomic across nodes; a refusal spends nothing.
     */
    ForceRefreshGrant tryForceRefresh(AppId appId, LocalDate day, Instant now, int dailyLimit, Duration spacing);

    /** The app's usage on {@code day}. */
    QuotaUsage usage(AppId appId, LocalDate day);

    /** Whether a forced refresh may happen, and the usage the decision saw (after spending, when granted). */
    record ForceRefreshGrant(boolean granted, QuotaUsage usage) {}
}
