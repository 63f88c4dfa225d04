package dev.wxgate.application.token;

import dev.wxgate.application.UnknownAppException;
import dev.wxgate.domain.StoreUnavailableException;
import dev.wxgate.domain.app.AppId;
import dev.wxgate.domain.app.TokenMode;
import dev.wxgate.domain.app.WechatApp;
import dev.wxgate.domain.app.WechatApps;
import dev.wxgate.domain.audit.AuditEvent;
import dev.wxgate.domain.audit.AuditLog;
import dev.wxgate.domain.audit.AuditOutcome;
import dev.wxgate.domain.token.AccessToken;
import dev.wxgate.domain.token.QuotaUsage;
import dev.wxgate.domain.token.StoredToken;
import dev.wxgate.domain.token.TokenQuota;
import dev.wxgate.domain.token.TokenSource;
import dev.wxgate.domain.token.TokenStore;
import dev.wxgate.domain.wechat.WechatException;
import dev.wxgate.domain.wechat.WechatFailure;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Locale;
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
 * The refresh protocol the token use cases share. Within one node, concurrent callers of one app join a single
 * in-flight refresh (and share its outcome, success or failure); across nodes, the store's lock lets one refresh at a
 * time, and whoever takes it re-reads first, so a refresh another node just made is used instead of repeated. The
 * write is compare-and-set on the version read under the lock. Failed refreshes pause the app (see {@link Backoffs}).
 */
final class TokenRefresher {
    private static final System.Logger log = System.getLogger(TokenRefresher.class.getName());

    /** WeChat's budget of forced refreshes in stable mode: 20 a day, at least 30 s apart. */
    static final int FORCE_REFRESHES_PER_DAY = 20;

    static final Duration FORCE_REFRESH_SPACING = Duration.ofSeconds(30);

    /** WeChat counts quotas per day in China time. */
    static final ZoneId WECHAT_ZONE = ZoneId.of("Asia/Shanghai");

    /**
     * A token is no longer handed out this close to its expiry (a tenth of its life, at most 10 s), so a caller never
     * receives one that dies in its hands.
     */
    static final Duration MAX_EXPIRY_SKEW = Duration.ofSeconds(10);

    /** Rounds a caller may join refreshes that end with a token not good enough for it (e.g. the one it reported). */
    private static final int MAX_ROUNDS = 3;

    private final WechatApps apps;
    private final TokenSource source;
    private final TokenStore store;
    private final TokenQuota quota;
    private final AuditLog audit;
    private final TokenEvents events;
    private final TokenSettings settings;
    private final Clock clock;
    private final Executor executor;
    private final Backoffs backoffs;
    private final ConcurrentHashMap<AppId, CompletableFuture<StoredToken>> flights = new ConcurrentHashMap<>();

    TokenRefresher(
            WechatApps apps,
            TokenSource source,
            TokenStore store,
            TokenQuota quota,
            AuditLog audit,
            TokenEvents events,
            TokenSettings settings,
            Clock clock,
            Executor executor) {
        this.apps = Objects.requireNonNull(apps, "apps");
        this.source = Objects.requireNonNull(source, "source");
        this.store = Objects.requireNonNull(store, "store");
        this.quota = Objects.requireNonNull(quota, "quota");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.events = Objects.requireNonNull(events, "events");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.executor = Objects.requireNonNull(executor, "executor");
        this.backoffs = new Backoffs(settings.failureBackoff(), settings.credentialsBackoff());
    }

    /** What a caller needs from a refresh; the same test decides, after taking the lock, whether one is still needed. */
    record Demand(Kind kind, String replacing, String reporter) {
        enum Kind {
            /** Any token that may still be served. */
            USABLE,
            /** A token that is not yet due for refresh-ahead. */
            AHEAD,
            /** A usable token other than the one reported invalid. */
            REPLACING
        }

        static Demand usable() {
            return new Demand(Kind.USABLE, null, null);
        }

        static Demand ahead() {
            return new Demand(Kind.AHEAD, null, null);
        }

        static Demand replacing(String badValue, String reporter) {
            return new Demand(Kind.REPLACING, badValue, reporter);
        }
    }

    // ------------------------------------------------------------------ what the use cases read

    WechatApp app(AppId appId) {
        return apps.find(appId).orElseThrow(() -> new UnknownAppException(appId));
    }

    WechatApps apps() {
        return apps;
    }

    TokenStore store() {
        return store;
    }

    TokenQuota quota() {
        return quota;
    }

    TokenSettings settings() {
        return settings;
    }

    Instant now() {
        return clock.instant();
    }

    static LocalDate day(Instant at) {
        return LocalDate.ofInstant(at, WECHAT_ZONE);
    }

    Optional<Backoffs.Failure> lastFailure(AppId appId) {
        return backoffs.last(appId);
    }

    /** Whether {@code stored} may still be handed to a caller at {@code now}. */
    static boolean usable(StoredToken stored, Instant now) {
        return stored.token().remainingAt(now).compareTo(skew(stored)) > 0;
    }

    /** Whether {@code latest} meets {@code demand} at {@code now}, so no refresh is needed for it. */
    boolean satisfies(Demand demand, Optional<StoredToken> latest, Instant now) {
        if (latest.isEmpty() || !usable(latest.get(), now)) {
            return false;
        }
        return switch (demand.kind()) {
            case USABLE -> true;
            case AHEAD -> !due(latest.get(), now);
            case REPLACING -> !latest.get().token().sameValueAs(demand.replacing());
        };
    }

    /** Whether {@code stored} should be refreshed ahead of its expiry at {@code now}. */
    boolean due(StoredToken stored, Instant now) {
        return !now.isBefore(refreshAt(stored));
    }

    /**
     * When to refresh ahead: {@code refreshMargin} before expiry, but not before half the token's life has passed. The
     * second bound keeps short test lifetimes sane, and stops a stable-mode token that WeChat re-issues unchanged near
     * its end from being fetched again and again: each fetch halves the wait to the next one.
     */
    Instant refreshAt(StoredToken stored) {
        AccessToken token = stored.token();
        Duration life = Duration.between(token.fetchedAt(), token.expiresAt());
        Duration margin =
                settings.refreshMargin().compareTo(skew(stored)) > 0 ? settings.refreshMargin() : skew(stored);
        Instant halfLife = token.fetchedAt().plus(life.dividedBy(2));
        Instant marginBefore = token.expiresAt().minus(margin);
        return marginBefore.isAfter(halfLife) ? marginBefore : halfLife;
    }

    /** The next-day boundary of WeChat's quotas after {@code now}. */
    static Instant nextWechatDay(Instant now) {
        return day(now).plusDays(1).atStartOfDay(WECHAT_ZONE).toInstant();
    }

    private static Duration skew(StoredToken stored) {
        AccessToken token = stored.token();
        Duration tenth = Duration.between(token.fetchedAt(), token.expiresAt()).dividedBy(10);
        return tenth.compareTo(MAX_EXPIRY_SKEW) < 0 ? tenth : MAX_EXPIRY_SKEW;
    }

    // ------------------------------------------------------------------ callers

    /**
     * Waits, at most {@code maxWait} in all, for a token that meets {@code demand}, joining the refresh in flight on
     * this node or starting one.
     */
    AccessToken await(WechatApp app, Demand demand) {
        long deadline = System.nanoTime() + settings.maxWait().toNanos();
        for (int round = 0; round < MAX_ROUNDS; round++) {
            CompletableFuture<StoredToken> flight = flight(app, demand);
            StoredToken refreshed;
            try {
                refreshed = flight.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException slow) {
                return fallback(
                        app, demand, "the refresh under way did not finish within " + human(settings.maxWait()));
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                return fallback(app, demand, "the wait was interrupted");
            } catch (ExecutionException failed) {
                throw rethrown(failed.getCause());
            }
            if (satisfies(demand, Optional.of(refreshed), now())) {
                return refreshed.token();
            }
        }
        return fallback(app, demand, "refreshes kept ending with a token that does not fit");
    }

    /** Starts a refresh unless one is in flight on this node; true when this call started it. */
    boolean refreshInBackground(WechatApp app, Demand demand) {
        if (flights.containsKey(app.appId())) {
            return false;
        }
        flight(app, demand);
        return true;
    }

    private AccessToken fallback(WechatApp app, Demand demand, String why) {
        Optional<StoredToken> latest = store.readLatest(app.appId());
        if (satisfies(demand, latest, now())) {
            return latest.get().token();
        }
        throw new TokenUnavailableException(
                app.appId(),
                TokenUnavailableException.Reason.TIMED_OUT,
                Optional.empty(),
                "no valid access_token for app " + app.appId() + ": " + why);
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

    private CompletableFuture<StoredToken> flight(WechatApp app, Demand demand) {
        AppId appId = app.appId();
        CompletableFuture<StoredToken> mine = new CompletableFuture<>();
        CompletableFuture<StoredToken> running = flights.putIfAbsent(appId, mine);
        if (running != null) {
            return running;
        }
        try {
            executor.execute(() -> fly(app, demand, mine));
        } catch (RejectedExecutionException shuttingDown) {
            flights.remove(appId, mine);
            mine.completeExceptionally(new TokenUnavailableException(
                    appId,
                    TokenUnavailableException.Reason.TIMED_OUT,
                    Optional.empty(),
                    "no valid access_token for app " + appId + ": wxgate is shutting down"));
        }
        return mine;
    }

    private void fly(WechatApp app, Demand demand, CompletableFuture<StoredToken> flight) {
        StoredToken result = null;
        Throwable failure = null;
        try {
            result = refreshUnderLock(app, demand, stored -> {
                // The callers go on as soon as the token is stored; the quota count and the unlock follow.
                flights.remove(app.appId(), flight);
                flight.complete(stored);
            });
        } catch (Throwable failed) {
            failure = failed;
        } finally {
            // Leave the map before completing, so a caller that finds the result wanting starts a new flight.
            flights.remove(app.appId(), flight);
        }
        if (failure == null) {
            flight.complete(result);
        } else {
            flight.completeExceptionally(failure);
        }
    }

    /**
     * @param stored told the stored token as soon as the compare-and-set succeeded, before the unlock: a store round
     *     trip the waiting callers have no need to wait for
     */
    private StoredToken refreshUnderLock(WechatApp app, Demand demand, Consumer<StoredToken> stored) {
        AppId appId = app.appId();
        TokenStore.RefreshLock lock = store.lock(appId);
        if (!acquire(lock)) {
            events.refresh(appId, RefreshOutcome.LOCK_TIMEOUT);
            Optional<StoredToken> latest = store.readLatest(appId);
            if (satisfies(demand, latest, now())) {
                return latest.get();
            }
            throw new TokenUnavailableException(
                    appId,
                    TokenUnavailableException.Reason.TIMED_OUT,
                    Optional.empty(),
                    "no valid access_token for app " + appId + ": another node has been refreshing it for more than "
                            + human(settings.lockWait()));
        }
        try {
            Instant now = now();
            // The double check: another node may have refreshed while this one waited for the lock.
            Optional<StoredToken> latest = store.readLatest(appId);
            if (satisfies(demand, latest, now)) {
                events.refresh(appId, RefreshOutcome.ALREADY_FRESH);
                return latest.get();
            }
            Optional<Backoffs.Failure> pausing = backoffs.pausing(appId, now);
            if (pausing.isPresent()) {
                events.refresh(appId, RefreshOutcome.BACKING_OFF);
                throw unavailable(appId, pausing.get(), null);
            }
            AccessToken fetched = fetch(app, false);
            RefreshOutcome outcome = RefreshOutcome.REFRESHED;
            if (demand.kind() == Demand.Kind.REPLACING
                    && app.tokenMode() == TokenMode.STABLE
                    && fetched.sameValueAs(demand.replacing())) {
                // The stable endpoint still hands out the token a caller found rejected: only a forced refresh
                // replaces it. Trying the plain call first spares the budget when another party already forced one.
                fetched = forceForReport(app, demand.reporter());
                outcome = RefreshOutcome.FORCED;
            }
            StoredToken written = write(app, latest, fetched, outcome);
            stored.accept(written);
            return written;
        } finally {
            lock.unlock();
        }
    }

    // ------------------------------------------------------------------ forced refreshes

    /** A forced refresh an operator asked for; every outcome is audited. */
    ForceRefreshOutcome force(WechatApp app, String actor, String reason) {
        AppId appId = app.appId();
        TokenStore.RefreshLock lock;
        boolean held;
        try {
            lock = store.lock(appId);
            held = acquire(lock);
        } catch (StoreUnavailableException down) {
            audit(actor, appId, reason, AuditOutcome.FAILED, down.getMessage());
            throw down;
        }
        if (!held) {
            events.refresh(appId, RefreshOutcome.LOCK_TIMEOUT);
            String why = "another node held the refresh lock of app " + appId + " for more than "
                    + human(settings.lockWait());
            audit(actor, appId, reason, AuditOutcome.FAILED, why);
            return new ForceRefreshOutcome.Failed(why);
        }
        try {
            Instant now = now();
            Optional<StoredToken> latest = store.readLatest(appId);
            TokenQuota.ForceRefreshGrant grant = spendForcedRefresh(app, now);
            if (!grant.granted()) {
                ForceRefreshOutcome.Refused refused = refusal(grant.usage(), now);
                events.refresh(appId, RefreshOutcome.REFUSED);
                audit(actor, appId, reason, AuditOutcome.REFUSED, refused.why());
                return refused;
            }
            AccessToken fetched;
            try {
                fetched = fetch(app, true);
            } catch (TokenUnavailableException failed) {
                audit(actor, appId, reason, AuditOutcome.FAILED, failed.getMessage());
                return new ForceRefreshOutcome.Failed(failed.getMessage());
            }
            StoredToken stored = write(app, latest, fetched, RefreshOutcome.FORCED);
            audit(actor, appId, reason, AuditOutcome.SUCCESS, "new token stored as version " + stored.version());
            return new ForceRefreshOutcome.Refreshed(stored.token());
        } catch (StoreUnavailableException down) {
            audit(actor, appId, reason, AuditOutcome.FAILED, down.getMessage());
            throw down;
        } finally {
            lock.unlock();
        }
    }

    /** Under the lock: the forced refresh a report of the current token needs in stable mode. */
    private AccessToken forceForReport(WechatApp app, String reporter) {
        AppId appId = app.appId();
        String reason = "reported invalid, and WeChat's stable endpoint still issued it";
        Instant now = now();
        TokenQuota.ForceRefreshGrant grant = spendForcedRefresh(app, now);
        if (!grant.granted()) {
            ForceRefreshOutcome.Refused refused = refusal(grant.usage(), now);
            events.refresh(appId, RefreshOutcome.REFUSED);
            audit(reporter, appId, reason, AuditOutcome.REFUSED, refused.why());
            throw new TokenUnavailableException(
                    appId,
                    TokenUnavailableException.Reason.FORCE_REFRESH_REFUSED,
                    refused.nextAllowedAt(),
                    "app " + appId + ": the token was reported invalid but WeChat still issues it, and "
                            + refused.why());
        }
        try {
            AccessToken forced = fetch(app, true);
            audit(reporter, appId, reason, AuditOutcome.SUCCESS, "WeChat issued a new token");
            return forced;
        } catch (TokenUnavailableException failed) {
            audit(reporter, appId, reason, AuditOutcome.FAILED, failed.getMessage());
            throw failed;
        }
    }

    private TokenQuota.ForceRefreshGrant spendForcedRefresh(WechatApp app, Instant now) {
        // Classic mode has no budget of its own (every call is a new token and costs ordinary quota): counted only.
        return app.tokenMode() == TokenMode.STABLE
                ? quota.tryForceRefresh(app.appId(), day(now), now, FORCE_REFRESHES_PER_DAY, FORCE_REFRESH_SPACING)
                : quota.tryForceRefresh(app.appId(), day(now), now, Integer.MAX_VALUE, Duration.ZERO);
    }

    /** Why WeChat's budget allows no forced refresh at {@code now}, given the day's {@code usage}. */
    static ForceRefreshOutcome.Refused refusal(QuotaUsage usage, Instant now) {
        if (usage.forcedRefreshes() >= FORCE_REFRESHES_PER_DAY) {
            Instant next = nextWechatDay(now);
            return new ForceRefreshOutcome.Refused(
                    "WeChat allows " + FORCE_REFRESHES_PER_DAY + " forced refreshes a day and all are used; next after "
                            + next,
                    Optional.of(next));
        }
        Instant next =
                usage.lastForcedAt().map(at -> at.plus(FORCE_REFRESH_SPACING)).orElse(now);
        return new ForceRefreshOutcome.Refused(
                "WeChat allows one forced refresh every " + FORCE_REFRESH_SPACING.toSeconds() + " s; next after "
                        + next,
                Optional.of(next));
    }

    // ------------------------------------------------------------------ WeChat and the store

    private AccessToken fetch(WechatApp app, boolean force) {
        AppId appId = app.appId();
        AccessToken token;
        try {
            token = fetchOrFail(app, force);
        } catch (WechatException failed) {
            count(appId, true);
            Backoffs.Failure failure = backoffs.failed(appId, failed, now());
            events.refresh(appId, RefreshOutcome.FAILED);
            TokenUnavailableException unavailable = unavailable(appId, failure, failed);
            log.log(
                    Backoffs.isConfigurationProblem(failure.failure()) ? Level.ERROR : Level.WARNING,
                    unavailable.getMessage());
            throw unavailable;
        }
        count(appId, false);
        backoffs.succeeded(appId);
        return token;
    }

    private AccessToken fetchOrFail(WechatApp app, boolean force) {
        try {
            return source.fetch(app, force);
        } catch (WechatException failed) {
            throw failed;
        } catch (RuntimeException unexpected) {
            // A bug or a broken answer: treated like an outage, so it is paused and reported, not a 500 per caller.
            throw new WechatException(
                    WechatFailure.UPSTREAM_UNAVAILABLE,
                    "the token source failed unexpectedly: "
                            + unexpected.getClass().getName(),
                    unexpected);
        }
    }

    private StoredToken write(WechatApp app, Optional<StoredToken> read, AccessToken fetched, RefreshOutcome outcome) {
        AppId appId = app.appId();
        long expected = read.map(StoredToken::version).orElse(0L);
        Optional<StoredToken> stored = store.compareAndSet(appId, expected, fetched, settings.nodeId());
        if (stored.isPresent()) {
            events.refresh(appId, outcome);
            log.log(
                    Level.INFO,
                    "app {0}: stored access_token {1} as version {2}, expires at {3}",
                    appId,
                    fetched.masked(),
                    String.valueOf(stored.get().version()),
                    fetched.expiresAt());
            return stored.get();
        }
        // Only when the lock's lease ended while this node held it (e.g. Redis was unreachable for a while).
        events.refresh(appId, RefreshOutcome.LOST_RACE);
        Optional<StoredToken> newer = store.readLatest(appId);
        log.log(
                Level.WARNING,
                "app {0}: a newer token (version {1}) was stored while this node refreshed; dropped {2}",
                appId,
                String.valueOf(newer.map(StoredToken::version).orElse(0L)),
                fetched.masked());
        if (newer.isPresent() && usable(newer.get(), now())) {
            return newer.get();
        }
        throw new TokenUnavailableException(
                appId,
                TokenUnavailableException.Reason.TIMED_OUT,
                Optional.empty(),
                "no valid access_token for app " + appId + ": concurrent refreshes left none");
    }

    private void count(AppId appId, boolean failed) {
        try {
            QuotaUsage usage = quota.recordCall(appId, day(now()), failed);
            long warnAt = (settings.dailyQuota() * 4 + 4) / 5;
            if (usage.calls() == warnAt) {
                log.log(
                        Level.WARNING,
                        "app {0} has made {1} token calls today: 80 % of its daily quota of {2}",
                        appId,
                        String.valueOf(usage.calls()),
                        String.valueOf(settings.dailyQuota()));
                events.quotaWarning(appId, usage, settings.dailyQuota());
            }
        } catch (RuntimeException notCounted) {
            log.log(Level.WARNING, "app {0}: a token call was not counted: {1}", appId, notCounted.getMessage());
        }
    }

    private boolean acquire(TokenStore.RefreshLock lock) {
        try {
            return lock.tryLock(settings.lockWait());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void audit(String actor, AppId appId, String reason, AuditOutcome outcome, String detail) {
        try {
            audit.record(AuditEvent.tokenForceRefresh(now(), actor, appId, reason, outcome, clip(detail)));
        } catch (RuntimeException notRecorded) {
            // The refresh stands; losing its audit line is reported loudly instead.
            log.log(
                    Level.ERROR,
                    "app {0}: a forced refresh ({1}) could not be written to the audit log: {2}",
                    appId,
                    outcome.code(),
                    notRecorded.getMessage());
        }
    }

    /** "5 s", "1.5 s": for messages operators read. */
    static String human(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis / 1000.0 + " s";
    }

    private static String clip(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        return text.length() <= AuditEvent.MAX_TEXT ? text : text.substring(0, AuditEvent.MAX_TEXT - 1) + "…";
    }

    private static TokenUnavailableException unavailable(AppId appId, Backoffs.Failure failure, Throwable cause) {
        String errcode =
                failure.errcode().isPresent() ? " (errcode " + failure.errcode().getAsInt() + ")" : "";
        TokenUnavailableException.Reason reason;
        String what;
        switch (failure.failure()) {
            case BAD_CREDENTIALS -> {
                reason = TokenUnavailableException.Reason.BAD_CREDENTIALS;
                what = "WeChat refused the app's credentials" + errcode + ": check its app-id and secret";
            }
            case IP_NOT_WHITELISTED -> {
                reason = TokenUnavailableException.Reason.NOT_WHITELISTED;
                what = "WeChat refused this server's IP address" + errcode + ": add it to the app's IP whitelist";
            }
            case QUOTA_EXHAUSTED -> {
                reason = TokenUnavailableException.Reason.QUOTA_EXHAUSTED;
                what = "the app's daily quota of token calls is used up" + errcode;
            }
            default -> {
                reason = TokenUnavailableException.Reason.UPSTREAM_FAILED;
                what = "WeChat did not issue a token ("
                        + failure.failure().name().toLowerCase(Locale.ROOT)
                        + errcode
                        + ")";
            }
        }
        return new TokenUnavailableException(
                appId,
                reason,
                Optional.of(failure.retryAfter()),
                "app " + appId + ": " + what + "; next attempt after " + failure.retryAfter(),
                cause);
    }
}
