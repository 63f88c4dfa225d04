package dev.wxgate.application.token;

import dev.wxgate.domain.app.AppId;
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

/** Quota accounting and quota clears in maps, atomic by a monitor. */
final class FakeTokenQuota implements TokenQuota, QuotaClears {
    private final Map<String, QuotaUsage> usage = new HashMap<>();
    private final Map<AppId, Instant> lastForced = new HashMap<>();
    private final Map<String, Integer> clears = new HashMap<>();

    @Override
    public synchronized int recordClear(AppId appId, YearMonth month, LocalDate day) {
        int count = clears.merge(appId + "/" + month, 1, Integer::sum);
        QuotaUsage now = usage(appId, day);
        usage.put(appId + "/" + day, new QuotaUsage(0, 0, now.forcedRefreshes(), now.lastForcedAt()));
        return count;
    }

    @Override
    public synchronized int clears(AppId appId, YearMonth month) {
        return clears.getOrDefault(appId + "/" + month, 0);
    }

    @Override
    public synchronized QuotaUsage recordCall(AppId appId, LocalDate day, boolean failed) {
        QuotaUsage now = usage(appId, day);
        QuotaUsage next = new QuotaUsage(
                now.calls() + 1, now.errors() + (failed ? 1 : 0), now.forcedRefreshes(), now.lastForcedAt());
        usage.put(appId + "/" + day, next);
        return next;
    }

    @Override
    public synchronized ForceRefreshGrant tryForceRefresh(
            AppId appId, LocalDate day, Instant now, int dailyLimit, Duration spacing) {
        QuotaUsage current = usage(appId, day);
        Instant last = lastForced.get(appId);
        if (current.forcedRefreshes() >= dailyLimit || (last != null && now.isBefore(last.plus(spacing)))) {
            return new ForceRefreshGrant(false, current);
        }
        lastForced.put(appId, now);
        QuotaUsage next =
                new QuotaUsage(current.calls(), current.errors(), current.forcedRefreshes() + 1, Optional.of(now));
        usage.put(appId + "/" + day, next);
        return new ForceRefreshGrant(true, next);
    }

    @Override
    public synchronized QuotaUsage usage(AppId appId, LocalDate day) {
        QuotaUsage found = usage.getOrDefault(appId + "/" + day, QuotaUsage.NONE);
        return new QuotaUsage(
                found.calls(), found.errors(), found.forcedRefreshes(), Optional.ofNullable(lastForced.get(appId)));
    }
}
