package dev.wxgate.application.token;

import dev.wxgate.domain.StoreUnavailableException;
import dev.wxgate.domain.audit.AuditEvent;
import dev.wxgate.domain.audit.AuditLog;
import dev.wxgate.domain.audit.AuditOutcome;
import dev.wxgate.domain.token.Credential;
import dev.wxgate.domain.token.CredentialKey;
import dev.wxgate.domain.token.CredentialStore;
import dev.wxgate.domain.token.ForceBudget;
import dev.wxgate.domain.token.StoredCredential;
import dev.wxgate.domain.token.TokenQuota;
import dev.wxgate.domain.token.WechatDay;
import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Forced refreshes of one credential kind, within its {@link ForceBudget}: the one an operator asks for, and the one
 * a report needs when WeChat keeps issuing the credential found rejected (stable mode). Every attempt is audited.
 */
final class ForcedRefreshes<C extends Credential> {
    private static final System.Logger log = System.getLogger(ForcedRefreshes.class.getName());

    private final RefreshSteps<C> steps;
    private final AuditLog audit;

    ForcedRefreshes(RefreshSteps<C> steps, AuditLog audit) {
        this.steps = Objects.requireNonNull(steps, "steps");
        this.audit = Objects.requireNonNull(audit, "audit");
    }

    /** Whether the kind of {@code key} can be forced at all. */
    boolean possible(CredentialKey key) {
        return steps.ports().forceBudget().apply(key).isPresent();
    }

    /** A forced refresh an operator asked for; every result is audited. */
    ForcedRefreshResult force(CredentialKey key, String actor, String reason) {
        Optional<ForceBudget> budget = steps.ports().forceBudget().apply(key);
        if (budget.isEmpty()) {
            String why = "WeChat offers no forced refresh of the " + key.kind().label();
            audit(actor, key, reason, AuditOutcome.REFUSED, why);
            return new ForcedRefreshResult.Refused(why, Optional.empty());
        }
        CredentialStore.RefreshLock lock;
        boolean held;
        try {
            lock = steps.store().lock(key);
            held = steps.acquire(lock);
        } catch (StoreUnavailableException down) {
            audit(actor, key, reason, AuditOutcome.FAILED, down.getMessage());
            throw down;
        }
        if (!held) {
            steps.events().refresh(key, RefreshAttempt.LOCK_TIMEOUT);
            String why = "another node held the refresh lock of app " + key.owner() + " for more than "
                    + RefreshSteps.human(steps.settings().lockWait());
            audit(actor, key, reason, AuditOutcome.FAILED, why);
            return new ForcedRefreshResult.Failed(why);
        }
        try {
            Instant now = steps.now();
            Optional<StoredCredential<C>> latest = steps.store().readLatest(key);
            TokenQuota.ForceRefreshGrant grant = spend(key, budget.get(), now);
            if (!grant.granted()) {
                ForceBudget.Refusal refusal = budget.get().refusal(grant.usage(), now);
                steps.events().refresh(key, RefreshAttempt.REFUSED);
                audit(actor, key, reason, AuditOutcome.REFUSED, refusal.why());
                return new ForcedRefreshResult.Refused(refusal.why(), refusal.nextAllowedAt());
            }
            C fetched;
            try {
                fetched = steps.fetch(key, true);
            } catch (TokenUnavailableException failed) {
                audit(actor, key, reason, AuditOutcome.FAILED, failed.getMessage());
                return new ForcedRefreshResult.Failed(failed.getMessage());
            }
            StoredCredential<C> stored = steps.write(key, latest, fetched, RefreshAttempt.FORCED);
            audit(actor, key, reason, AuditOutcome.SUCCESS, "new token stored as version " + stored.version());
            return new ForcedRefreshResult.Refreshed(stored.credential());
        } catch (StoreUnavailableException down) {
            audit(actor, key, reason, AuditOutcome.FAILED, down.getMessage());
            throw down;
        } finally {
            lock.unlock();
        }
    }

    /** Under the lock: the forced refresh a report of the current credential needs when WeChat still issues it. */
    C forReport(CredentialKey key, String reporter) {
        String reason = "reported invalid, and WeChat's stable endpoint still issued it";
        ForceBudget budget = steps.ports().forceBudget().apply(key).orElseThrow();
        Instant now = steps.now();
        TokenQuota.ForceRefreshGrant grant = spend(key, budget, now);
        if (!grant.granted()) {
            ForceBudget.Refusal refusal = budget.refusal(grant.usage(), now);
            steps.events().refresh(key, RefreshAttempt.REFUSED);
            audit(reporter, key, reason, AuditOutcome.REFUSED, refusal.why());
            throw new TokenUnavailableException(
                    key.owner(),
                    TokenUnavailableException.Reason.FORCE_REFRESH_REFUSED,
                    refusal.nextAllowedAt(),
                    "app " + key.owner() + ": the token was reported invalid but WeChat still issues it, and "
                            + refusal.why());
        }
        try {
            C forced = steps.fetch(key, true);
            audit(reporter, key, reason, AuditOutcome.SUCCESS, "WeChat issued a new token");
            return forced;
        } catch (TokenUnavailableException failed) {
            audit(reporter, key, reason, AuditOutcome.FAILED, failed.getMessage());
            throw failed;
        }
    }

    private TokenQuota.ForceRefreshGrant spend(CredentialKey key, ForceBudget budget, Instant now) {
        return steps.ports().quota().tryForceRefresh(key, WechatDay.of(now), now, budget);
    }

    private void audit(String actor, CredentialKey key, String reason, AuditOutcome outcome, String detail) {
        try {
            audit.record(AuditEvent.tokenForceRefresh(steps.now(), actor, key.owner(), reason, outcome, clip(detail)));
        } catch (RuntimeException notRecorded) {
            // The refresh stands; losing its audit line is reported loudly instead.
            log.log(
                    Level.ERROR,
                    "app {0}: a forced refresh ({1}) could not be written to the audit log: {2}",
                    key.owner(),
                    outcome.code(),
                    notRecorded.getMessage());
        }
    }

    private static String clip(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        return text.length() <= AuditEvent.MAX_TEXT ? text : text.substring(0, AuditEvent.MAX_TEXT - 1) + "…";
    }
}
