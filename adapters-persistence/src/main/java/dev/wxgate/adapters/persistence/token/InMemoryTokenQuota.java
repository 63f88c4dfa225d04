package dev.wxgate.adapters.persistence.token;

import dev.wxgate.domain.app.AppId;
import dev.wxgate.domain.token.CredentialKey;
import dev.wxgate.domain.token.CredentialQuota;
import dev.wxgate.domain.token.ForceBudget;
import dev.wxgate.domain.token.QuotaClears;
import dev.wxgate.domain.token.QuotaUsage;
import dev.wxgate.domain.token.TokenQuota;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Adapter: quota accounting in this JVM's memory, for the embedded default, per credential (the access_token and the
 * JS-SDK tickets counted apart), and the month's quota clears per app. Days older than the last three go.
 */
public final class InMemoryTokenQuota implements TokenQuota, CredentialQuota, QuotaClears {
    private static final int DAYS_KEPT = 3;

    private record Key(CredentialKey credential, LocalDate day) {}

    private final Map<Key, QuotaUsage> days = new HashMap<>();
    private final Map<CredentialKey, Instant> lastForced = new HashMap<>();
    private final Map<AppId, Map.Entry<YearMonth, Integer>> clears = new HashMap<>();

    @Override
    public QuotaUsage recordCall(AppId appId, LocalDate day, boolean failed) {
        return recordCall(CredentialKey.accessToken(appId), day, failed);
    }

    @Override
    public ForceRefreshGrant tryForceRefresh(
            AppId appId, LocalDate day, Instant now, int dailyLimit, Duration spacing) {
        return tryForceRefresh(CredentialKey.accessToken(appId), day, now, new ForceBudget(dailyLimit, spacing));
    }

    @Override
    public QuotaUsage usage(AppId appId, LocalDate day) {
        return usage(CredentialKey.accessToken(appId), day);
    }

    @Override
    public synchronized QuotaUsage recordCall(CredentialKey key, LocalDate day, boolean failed) {
        QuotaUsage before = counted(key, day);
        QuotaUsage after = new QuotaUsage(
                before.calls() + 1, before.errors() + (failed ? 1 : 0), before.forcedRefreshes(), Optional.empty());
        put(key, day, after);
        return withLastForced(key, after);
    }

    @Override
    public synchronized ForceRefreshGrant tryForceRefresh(
            CredentialKey key, LocalDate day, Instant now, ForceBudget budget) {
        QuotaUsage before = counted(key, day);
        Instant last = lastForced.get(key);
        if (before.forcedRefreshes() >= budget.perDay()
                || (last != null && now.isBefore(last.plus(budget.spacing())))) {
            return new ForceRefreshGrant(false, withLastForced(key, before));
        }
        QuotaUsage after =
                new QuotaUsage(before.calls(), before.errors(), before.forcedRefreshes() + 1, Optional.empty());
        put(key, day, after);
        lastForced.put(key, now);
        return new ForceRefreshGrant(true, withLastForced(key, after));
    }

    @Override
    public synchronized QuotaUsage usage(CredentialKey key, LocalDate day) {
        return withLastForced(key, counted(key, day));
    }

    @Override
    public synchronized int recordClear(AppId appId, YearMonth month, LocalDate day) {
        int count = clears(appId, month) + 1;
        clears.put(appId, Map.entry(month, count));
        CredentialKey key = CredentialKey.accessToken(appId);
        QuotaUsage before = counted(key, day);
        put(key, day, new QuotaUsage(0, 0, before.forcedRefreshes(), Optional.empty()));
        return count;
    }

    @Override
    public synchronized int clears(AppId appId, YearMonth month) {
        Map.Entry<YearMonth, Integer> counted = clears.get(appId);
        return counted != null && counted.getKey().equals(month) ? counted.getValue() : 0;
    }

    private QuotaUsage counted(CredentialKey key, LocalDate day) {
        return days.getOrDefault(new Key(key, day), QuotaUsage.NONE);
    }

    private void put(CredentialKey key, LocalDate day, QuotaUsage usage) {
        days.put(new Key(key, day), usage);
        days.keySet().removeIf(old -> old.day().isBefore(day.minusDays(DAYS_KEPT - 1)));
    }

    private QuotaUsage withLastForced(CredentialKey key, QuotaUsage usage) {
        return new QuotaUsage(
                usage.calls(), usage.errors(), usage.forcedRefreshes(), Optional.ofNullable(lastForced.get(key)));
    }
}
