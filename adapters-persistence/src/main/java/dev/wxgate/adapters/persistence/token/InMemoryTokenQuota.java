package dev.wxgate.adapters.persistence.token;

import dev.wxgate.domain.app.AppId;
import dev.wxgate.domain.token.QuotaUsage;
import dev.wxgate.domain.token.TokenQuota;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Adapter: quota accounting in this JVM's memory, for the embedded default. Days older than the last three go. */
public final class InMemoryTokenQuota implements TokenQuota {
    private static final int DAYS_KEPT = 3;

    private record Key(AppId appId, LocalDate day) {}

    private final Map<Key, QuotaUsage> days = new HashMap<>();
    private final Map<AppId, Instant> lastForced = new HashMap<>();

    @Override
    public synchronized QuotaUsage recordCall(AppId appId, LocalDate day, boolean failed) {
        QuotaUsage before = counted(appId, day);
        QuotaUsage after = new QuotaUsage(
                before.calls() + 1, before.errors() + (failed ? 1 : 0), before.forcedRefreshes(), Optional.empty());
        put(appId, day, after);
        return withLastForced(appId, after);
    }

    @Override
    public synchronized ForceRefreshGrant tryForceRefresh(
            AppId appId, LocalDate day, Instant now, int dailyLimit, Duration spacing) {
        QuotaUsage before = counted(appId, day);
        Instant last = lastForced.get(appId);
        if (before.forcedRefreshes() >= dailyLimit || (last != null && now.isBefore(last.plus(spacing)))) {
            return new ForceRefreshGrant(false, withLastForced(appId, before));
        }
        QuotaUsage after =
                new QuotaUsage(before.calls(), before.errors(), before.forcedRefreshes() + 1, Optional.empty());
        put(appId, day, after);
        lastForced.put(appId, now);
        return new ForceRefreshGrant(true, withLastForced(appId, after));
    }

    @Override
    public synchronized QuotaUsage usage(AppId appId, LocalDate day) {
        return withLastForced(appId, counted(appId, day));
    }

    private QuotaUsage counted(AppId appId, LocalDate day) {
        return days.getOrDefault(new Key(appId, day), QuotaUsage.NONE);
    }

    private void put(AppId appId, LocalDate day, QuotaUsage usage) {
        days.put(new Key(appId, day), usage);
        days.keySet().removeIf(key -> key.day().isBefore(day.minusDays(DAYS_KEPT - 1)));
    }

    private QuotaUsage withLastForced(AppId appId, QuotaUsage usage) {
        return new QuotaUsage(
                usage.calls(), usage.errors(), usage.forcedRefreshes(), Optional.ofNullable(lastForced.get(appId)));
    }
}
