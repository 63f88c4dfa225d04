package dev.wxgate.application.token;

import dev.wxgate.domain.StoreUnavailableException;
import dev.wxgate.domain.audit.AuditLog;
import dev.wxgate.domain.token.Credential;
import dev.wxgate.domain.token.CredentialKey;
import dev.wxgate.domain.token.CredentialStore;
import dev.wxgate.domain.token.RefreshSchedule;
import dev.wxgate.domain.token.StoredCredential;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * The refresh protocol of one credential kind, whatever it is (the access_token today; JS-SDK tickets and Open
 * Platform tokens plug in their own {@link CredentialPorts}). Within one node, concurrent callers of one key join a
 * single in-flight refresh (and share its result, success or failure); across nodes, the store's lock lets one refresh
 * at a time, and whoever takes it re-reads first, so a refresh another node just made is used instead of repeated.
 * The write is compare-and-set on the version read under the lock. Failed refreshes pause the key (see
 * {@link Backoffs}). Freshness is the {@link RefreshSchedule}'s to decide; forced refreshes spend the kind's
 * {@code ForceBudget} (see {@link ForcedRefreshes}). A kind's use cases live beside it in this package, one refresher
 * per kind per node.
 */
public final class CredentialRefresher<C extends Credential> {
    /** Rounds a caller may join refreshes that end with a credential not good enough for it (e.g. the one reported). */
    private static final int MAX_ROUNDS = 3;

    private final RefreshSteps<C> steps;
    private final ForcedRefreshes<C> forced;
    private final Executor executor;
    private final ConcurrentHashMap<CredentialKey, CompletableFuture<StoredCredential<C>>> flights =
            new ConcurrentHashMap<>();

    /**
     * @param audit where forced refreshes are recorded
     * @param executor runs refreshes, so a caller's wait stays bounded while WeChat is slow (virtual threads suit it)
     */
    public CredentialRefresher(
            CredentialPorts<C> ports,
            AuditLog audit,
            CredentialEvents events,
            TokenSettings settings,
            Clock clock,
            Executor executor) {
        this.steps = new RefreshSteps<>(ports, events, settings, clock);
        this.forced = new ForcedRefreshes<>(steps, audit);
        this.executor = Objects.requireNonNull(executor, "executor");
    }

    CredentialPorts<C> ports() {
        return steps.ports();
    }

    TokenSettings settings() {
        return steps.settings();
    }

    CredentialStore<C> store() {
        return steps.store();
    }

    RefreshSchedule schedule() {
        return steps.schedule();
    }

    Instant now() {
        return steps.now();
    }

    Optional<Backoffs.Failure> lastFailure(CredentialKey key) {
        return steps.lastFailure(key);
    }

    /** The daily quota of {@code key}'s calls. */
    long dailyQuota(CredentialKey key) {
        return steps.dailyQuota(key);
    }

    /** Ends this node's pause after a failure of {@code key}, e.g. once its quota was cleared. */
    void forgetFailure(CredentialKey key) {
        steps.forgetFailure(key);
    }

    /** A forced refresh an operator asked for, within the kind's force budget; every result is audited. */
    ForcedRefreshResult force(CredentialKey key, String actor, String reason) {
        return forced.force(key, actor, reason);
    }

    /**
     * The key's current credential for a caller: a usable one is answered at once (from the near cache when the store
     * has one), even while it is being refreshed; only when there is none does the caller wait, boundedly, for the one
     * refresh the cluster makes.
     */
    C current(CredentialKey key) {
        Instant now = steps.now();
        Optional<StoredCredential<C>> known = steps.store().read(key);
        if (known.isPresent() && steps.schedule().usable(known.get().credential(), now)) {
            if (steps.schedule().due(known.get().credential(), now)) {
                // The scheduler normally does this; a read that notices first starts it, and does not wait for it.
                refreshInBackground(key, RefreshDemand.ahead());
            }
            return known.get().credential();
        }
        return await(key, RefreshDemand.usable());
    }

    /**
     * Compare-and-refresh after WeChat rejected {@code rejected}: the current credential if it is another one, else a
     * new one from the one refresh that any number of simultaneous reports make.
     */
    C replace(CredentialKey key, String rejected, String reporter) {
        RefreshDemand demand = RefreshDemand.replacing(rejected, reporter);
        // Past the near cache: the reporter may have got its value from a node that had not yet heard of a newer one.
        Optional<StoredCredential<C>> latest = steps.store().readLatest(key);
        if (demand.satisfiedBy(latest, steps.now(), steps.schedule())) {
            return latest.get().credential();
        }
        return await(key, demand);
    }

    /** Starts a refresh of {@code key} if its stored credential is due; true when this call started one. */
    boolean refreshIfDue(CredentialKey key) {
        Optional<StoredCredential<C>> known = steps.store().read(key);
        return known.isPresent()
                && steps.schedule().due(known.get().credential(), steps.now())
                && refreshInBackground(key, RefreshDemand.ahead());
    }

    /**
     * Waits, at most {@code maxWait} in all, for a credential that meets {@code demand}, joining the refresh in flight
     * on this node or starting one.
     */
    C await(CredentialKey key, RefreshDemand demand) {
        long deadline = System.nanoTime() + steps.settings().maxWait().toNanos();
        for (int round = 0; round < MAX_ROUNDS; round++) {
            CompletableFuture<StoredCredential<C>> flight = flight(key, demand);
            StoredCredential<C> refreshed;
            try {
                refreshed = flight.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException slow) {
                return fallback(
                        key,
                        demand,
                        "the refresh under way did not finish within "
                                + RefreshSteps.human(steps.settings().maxWait()));
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                return fallback(key, demand, "the wait was interrupted");
            } catch (ExecutionException failed) {
                throw rethrown(failed.getCause());
            }
            if (demand.satisfiedBy(Optional.of(refreshed), steps.now(), steps.schedule())) {
                return refreshed.credential();
            }
            if (demand.stillIssues(refreshed.credential())
                    && !forced.possible(key)
                    && steps.schedule().usable(refreshed.credential(), steps.now())) {
                // WeChat hands out the reported value again and nothing can make it issue another (a ticket has no
                // forced refresh): it is the current one, so it is the answer, not another round of calls.
                return refreshed.credential();
            }
        }
        return fallback(key, demand, "refreshes kept ending with a token that does not fit");
    }

    /** Starts a refresh unless one is in flight on this node; true when this call started it. */
    boolean refreshInBackground(CredentialKey key, RefreshDemand demand) {
        if (flights.containsKey(key)) {
            return false;
        }
        flight(key, demand);
        return true;
    }

    private C fallback(CredentialKey key, RefreshDemand demand, String why) {
        Optional<StoredCredential<C>> latest = steps.store().readLatest(key);
        if (demand.satisfiedBy(latest, steps.now(), steps.schedule())) {
            return latest.get().credential();
        }
        throw TokenUnavailableException.timedOut(key, why);
    }

    /** The flight's failure, thrown anew in the caller's thread (many callers may share one failure). */
    private static RuntimeException rethrown(Throwable cause) {
        return switch (cause) {
            case TokenUnavailableException e ->
                new TokenUnavailableException(e.appId(), e.reason(), e.retryAfter(), e.getMessage(), e);
            case StoreUnavailableException e -> new StoreUnavailableException(e.getMessage(), e);
            case RuntimeException e -> e;
            case Error e -> throw e;
            default -> new IllegalStateException("token refresh failed", cause);
        };
    }

    private CompletableFuture<StoredCredential<C>> flight(CredentialKey key, RefreshDemand demand) {
        CompletableFuture<StoredCredential<C>> mine = new CompletableFuture<>();
        CompletableFuture<StoredCredential<C>> running = flights.putIfAbsent(key, mine);
        if (running != null) {
            return running;
        }
        try {
            executor.execute(() -> fly(key, demand, mine));
        } catch (RejectedExecutionException shuttingDown) {
            flights.remove(key, mine);
            mine.completeExceptionally(TokenUnavailableException.timedOut(key, "wxgate is shutting down"));
        }
        return mine;
    }

    private void fly(CredentialKey key, RefreshDemand demand, CompletableFuture<StoredCredential<C>> flight) {
        StoredCredential<C> result = null;
        Throwable failure = null;
        try {
            result = refreshUnderLock(key, demand, stored -> {
                // The callers go on as soon as the credential is stored; the quota count and the unlock follow.
                flights.remove(key, flight);
                flight.complete(stored);
            });
        } catch (Throwable failed) {
            failure = failed;
        } finally {
            // Leave the map before completing, so a caller that finds the result wanting starts a new flight.
            flights.remove(key, flight);
        }
        if (failure == null) {
            flight.complete(result);
        } else {
            flight.completeExceptionally(failure);
        }
    }

    /**
     * @param stored told the stored credential as soon as the compare-and-set succeeded, before the unlock: a store
     *     round trip the waiting callers have no need to wait for
     */
    private StoredCredential<C> refreshUnderLock(
            CredentialKey key, RefreshDemand demand, Consumer<StoredCredential<C>> stored) {
        CredentialStore.RefreshLock lock = steps.store().lock(key);
        if (!steps.acquire(lock)) {
            steps.events().refresh(key, RefreshAttempt.LOCK_TIMEOUT);
            Optional<StoredCredential<C>> latest = steps.store().readLatest(key);
            if (demand.satisfiedBy(latest, steps.now(), steps.schedule())) {
                return latest.get();
            }
            throw TokenUnavailableException.timedOut(
                    key,
                    "another node has been refreshing it for more than "
                            + RefreshSteps.human(steps.settings().lockWait()));
        }
        try {
            Instant now = steps.now();
            // The double check: another node may have refreshed while this one waited for the lock.
            Optional<StoredCredential<C>> latest = steps.store().readLatest(key);
            if (demand.satisfiedBy(latest, now, steps.schedule())) {
                steps.events().refresh(key, RefreshAttempt.ALREADY_FRESH);
                return latest.get();
            }
            Optional<Backoffs.Failure> pausing = steps.pausing(key, now);
            if (pausing.isPresent()) {
                steps.events().refresh(key, RefreshAttempt.BACKING_OFF);
                throw TokenUnavailableException.after(key, pausing.get(), null);
            }
            C fetched = steps.fetch(key, false);
            RefreshAttempt attempt = RefreshAttempt.REFRESHED;
            if (demand.stillIssues(fetched) && forced.possible(key)) {
                // WeChat still hands out the credential a caller found rejected: only a forced refresh replaces it.
                // Trying the plain call first spares the budget when another party already forced one.
                fetched = forced.forReport(key, demand.reporter());
                attempt = RefreshAttempt.FORCED;
            }
            StoredCredential<C> written = steps.write(key, latest, fetched, attempt);
            stored.accept(written);
            return written;
        } finally {
            lock.unlock();
        }
    }
}
