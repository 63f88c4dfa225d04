package dev.wxgate.domain.token;

import java.time.Instant;
import java.time.LocalDate;

/**
 * Secondary port: the accounting of the calls made to fetch each credential, per WeChat day and cluster-wide, and the
 * spending of its {@link ForceBudget}.
 *
 * @throws dev.wxgate.domain.StoreUnavailableException from any method when the store cannot be reached
 */
public interface CredentialQuota {

    /** Counts one call on {@code day}, failed or not; returns the day's usage including it. */
    QuotaUsage recordCall(CredentialKey key, LocalDate day, boolean failed);

    /** Spends one forced refresh if {@code budget} allows it at {@code now}; atomic, and a refusal spends nothing. */
    TokenQuota.ForceRefreshGrant tryForceRefresh(CredentialKey key, LocalDate day, Instant now, ForceBudget budget);

    /** The key's usage on {@code day}. */
    QuotaUsage usage(CredentialKey key, LocalDate day);
}
