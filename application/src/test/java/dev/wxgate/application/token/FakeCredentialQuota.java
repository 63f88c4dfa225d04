package dev.wxgate.application.token;

import dev.wxgate.domain.token.CredentialKey;
import dev.wxgate.domain.token.CredentialQuota;
import dev.wxgate.domain.token.ForceBudget;
import dev.wxgate.domain.token.QuotaUsage;
import dev.wxgate.domain.token.TokenQuota;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Call counts per credential and day, atomic by a monitor; tickets are never forced, so forcing is refused. */
final class FakeCredentialQuota implements CredentialQuota {
    private final Map<String, QuotaUsage> usage = new HashMap<>();

    @Override
    public synchronized QuotaUsage recordCall(CredentialKey key, LocalDate day, boolean failed) {
        QuotaUsage now = usage(key, day);
        QuotaUsage next = new QuotaUsage(now.calls() + 1, now.errors() + (failed ? 1 : 0), 0, Optional.empty());
        usage.put(key + "/" + day, next);
        return next;
    }

    @Override
    public TokenQuota.ForceRefreshGrant tryForceRefresh(
            CredentialKey key, LocalDate day, Instant now, ForceBudget budget) {
        throw new AssertionError("tickets are never forced");
    }

    @Override
    public synchronized QuotaUsage usage(CredentialKey key, LocalDate day) {
        return usage.getOrDefault(key + "/" + day, QuotaUsage.NONE);
    }
}
