package dev.wxgate.application.token;

import dev.wxgate.domain.app.AppId;
import dev.wxgate.domain.token.QuotaUsage;

/**
 * Secondary port of the token use cases: what happened, for metrics. Implementations must be quick and must not
 * throw.
 */
public interface TokenEvents {

    /** Does nothing: for tests and for running without metrics. */
    TokenEvents NONE = new TokenEvents() {
        @Override
        public void refresh(AppId appId, RefreshOutcome outcome) {}

        @Override
        public void quotaWarning(AppId appId, QuotaUsage usage, long dailyQuota) {}
    };

    /** One refresh attempt of {@code appId} ended with {@code outcome}. */
    void refresh(AppId appId, RefreshOutcome outcome);

    /** The app's token calls today just reached 80 % of {@code dailyQuota} (reported once a day, cluster-wide). */
    void quotaWarning(AppId appId, QuotaUsage usage, long dailyQuota);
}
