package dev.wxgate.application.token;

import dev.wxgate.domain.token.CredentialKey;
import dev.wxgate.domain.token.QuotaUsage;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps what the use cases reported for metrics. */
final class RecordingEvents implements CredentialEvents {
    final List<RefreshAttempt> outcomes = new CopyOnWriteArrayList<>();
    final List<QuotaUsage> warnings = new CopyOnWriteArrayList<>();

    @Override
    public void refresh(CredentialKey key, RefreshAttempt attempt) {
        outcomes.add(attempt);
    }

    @Override
    public void quotaWarning(CredentialKey key, QuotaUsage usage, long dailyQuota) {
        warnings.add(usage);
    }

    long count(RefreshAttempt attempt) {
        return outcomes.stream().filter(attempt::equals).count();
    }
}
