package dev.wxgate.application.token;

import dev.wxgate.domain.app.AppId;
import dev.wxgate.domain.token.QuotaUsage;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps what the use cases reported for metrics. */
final class RecordingEvents implements TokenEvents {
    final List<RefreshOutcome> outcomes = new CopyOnWriteArrayList<>();
    final List<QuotaUsage> warnings = new CopyOnWriteArrayList<>();

    @Override
    public void refresh(AppId appId, RefreshOutcome outcome) {
        outcomes.add(outcome);
    }

    @Override
    public void quotaWarning(AppId appId, QuotaUsage usage, long dailyQuota) {
        warnings.add(usage);
    }

    long count(RefreshOutcome outcome) {
        return outcomes.stream().filter(outcome::equals).count();
    }
}
