package dev.wxgate.application.token;

import dev.wxgate.domain.token.CredentialKey;
import dev.wxgate.domain.token.QuotaUsage;

/**
 * Secondary port of the credential machinery: what happened, for metrics. Implementations must be quick and must not
 * throw.
 */
public interface CredentialEvents {

    /** Does nothing: for tests and for running without metrics. */
    CredentialEvents NONE = new CredentialEvents() {
        @Override
        public void refresh(CredentialKey key, RefreshAttempt attempt) {}

        @Override
        public void quotaWarning(CredentialKey key, QuotaUsage usage, long dailyQuota) {}
    };

    /** One refresh attempt of {@code key} ended as {@code attempt} says. */
    void refresh(CredentialKey key, RefreshAttempt attempt);

    /** The calls for {@code key} today just reached 80 % of {@code dailyQuota} (reported once a day, cluster-wide). */
    void quotaWarning(CredentialKey key, QuotaUsage usage, long dailyQuota);
}
