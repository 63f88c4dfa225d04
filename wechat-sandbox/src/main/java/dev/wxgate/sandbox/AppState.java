package dev.wxgate.sandbox;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * State: one emulated app: its configuration, its two independent token families with their quotas, and its users.
 * Token issuance holds the app's monitor (calls for one app are serialised, apps never wait for each other); token
 * checks read volatile fields and the shared registry without locking.
 */
final class AppState {
    /** WeChat keeps a replaced classic token working for about five minutes. */
    static final Duration CLASSIC_OVERLAP = Duration.ofMinutes(5);
    /** WeChat renews a stable token when less than five minutes are left; the old one lives out its term. */
    static final Duration STABLE_RENEWAL_WINDOW = Duration.ofMinutes(5);

    static final int FORCE_REFRESHES_PER_DAY = 20;
    /** WeChat allows 10 quota clears a month per app (48006 past them). */
    static final int QUOTA_CLEARS_PER_MONTH = 10;
    /** WeChat's limit of stable_token calls a minute per app (45011 past it). */
    static final int DEFAULT_STABLE_MINUTE_QUOTA = 10_000;

    static final Duration FORCE_REFRESH_SPACING = Duration.ofSeconds(30);
    static final ZoneId WECHAT_ZONE = ZoneId.of("Asia/Shanghai");

    /** What a token call returns: the token and the seconds it has left. */
    record Grant(String accessToken, long expiresIn) {
        @Override
        public String toString() {
            return "Grant[" + Secrets.mask(accessToken) + ", expiresIn=" + expiresIn + "]";
        }
    }

    private volatile AppConfig config;
    private final ConcurrentHashMap<String, UserState> users = new ConcurrentHashMap<>();
    private final IpRules ipRules = new IpRules();

    // Guarded by this.
    private IssuedToken classicCurrent;
    private IssuedToken classicPrevious;
    private IssuedToken stableCurrent;
    private IssuedToken stablePrevious;
    private final DailyCounter classicCalls = new DailyCounter();
    private final DailyCounter stableCalls = new DailyCounter();
    private final DailyCounter forceRefreshes = new DailyCounter();
    private final MinuteCounter stableMinute = new MinuteCounter();
    private Instant lastForceRefresh;
    private YearMonth clearMonth;
    private int clears;

    AppState(AppConfig config) {
        this.config = config;
    }

    AppConfig config() {
        return config;
    }

    String appId() {
        return config.appId();
    }

    /** Which addresses may call the token endpoints (everyone until set). */
    IpRules ipRules() {
        return ipRules;
    }

    synchronized AppConfig reconfigure(UnaryOperator<AppConfig> change) {
        AppConfig changed = change.apply(config);
        if (!changed.appId().equals(config.appId())) {
            throw new IllegalStateException("an app's id never changes");
        }
        config = changed;
        return changed;
    }

    UserState user(String openid) {
        return users.computeIfAbsent(openid, UserState::new);
    }

    /** Null when the sandbox has never heard of this user in this app. */
    UserState existingUser(String openid) {
        return users.get(openid);
    }

    /**
     * /cgi-bin/token: every call issues a new token. The one it replaces keeps working for five minutes; the one before
     * that stops at once (WeChat promises an overlap only for "the previous" token).
     */
    synchronized Outcome<Grant> issueClassic(String value, Instant now, ConcurrentMap<String, IssuedToken> registry) {
        AppConfig c = config;
        if (!classicCalls.tryAcquire(day(now), c.dailyQuota())) {
            return Outcome.failed(ErrorCode.DAILY_QUOTA);
        }
        IssuedToken fresh =
                new IssuedToken(value, c.appId(), IssuedToken.Kind.CLASSIC, now, now.plusSeconds(c.tokenExpiresIn()));
        retire(classicPrevious, now, registry);
        if (classicCurrent != null) {
            classicCurrent.revokeAt(now.plus(CLASSIC_OVERLAP));
        }
        classicPrevious = classicCurrent;
        classicCurrent = fresh;
        registry.put(fresh.value(), fresh);
        return Outcome.ok(new Grant(fresh.value(), c.tokenExpiresIn()));
    }

    /**
     * /cgi-bin/stable_token. Normal mode answers the same token with the seconds it has left, renewing it when less
     * than {@link #renewalThreshold} remains (the old one keeps working until it expires). A forced refresh issues a
     * new token and kills the old ones at once; at most 20 a day (then 45009) and 30 s apart: a forced refresh sooner
     * than that does not refresh, it answers like normal mode, as WeChat documents ("otherwise it does not refresh").
     */
    synchronized Outcome<Grant> issueStable(
            boolean forceRefresh,
            Supplier<String> newValue,
            Instant now,
            ConcurrentMap<String, IssuedToken> registry,
            int minuteQuota) {
        AppConfig c = config;
        LocalDate today = day(now);
        if (!stableMinute.tryAcquire(now, minuteQuota)) {
            return Outcome.failed(ErrorCode.MINUTE_QUOTA);
        }
        if (!stableCalls.tryAcquire(today, c.stableDailyQuota())) {
            return Outcome.failed(ErrorCode.DAILY_QUOTA);
        }
        boolean spaced = lastForceRefresh == null || !now.isBefore(lastForceRefresh.plus(FORCE_REFRESH_SPACING));
        if (forceRefresh && spaced) {
            if (!forceRefreshes.tryAcquire(today, FORCE_REFRESHES_PER_DAY)) {
                return Outcome.failed(ErrorCode.DAILY_QUOTA);
            }
            retire(stablePrevious, now, registry);
            retire(stableCurrent, now, registry);
            stablePrevious = null;
            stableCurrent = newStable(newValue.get(), c, now, registry);
            lastForceRefresh = now;
        } else if (stableCurrent == null
                || stableCurrent.rejectionAt(now) != null
                || stableCurrent.remainingAt(now).compareTo(renewalThreshold(stableCurrent.life())) < 0) {
            retire(stablePrevious, now, registry);
            stablePrevious = stableCurrent;
            stableCurrent = newStable(newValue.get(), c, now, registry);
        }
        // Floor, so a client that trusts expires_in stops before the token does; never 0, which reads as "expired".
        long expiresIn = Math.max(1, stableCurrent.remainingAt(now).toSeconds());
        return Outcome.ok(new Grant(stableCurrent.value(), expiresIn));
    }

    /**
     * WeChat renews five minutes before expiry, so expires_in is always at least 300. A token living less than ten
     * minutes (test configurations) is renewed in the second half of its life instead, so it is still reused for a
     * while and expires_in never drops below half its life.
     */
    static Duration renewalThreshold(Duration life) {
        Duration half = life.dividedBy(2);
        return half.compareTo(STABLE_RENEWAL_WINDOW) < 0 ? half : STABLE_RENEWAL_WINDOW;
    }

    /**
     * clear_quota: the day's token calls (both endpoints) start again from zero; 10 clears a WeChat month, then 48006.
     * Forced refreshes keep their own count.
     */
    synchronized Outcome<Integer> clearQuota(Instant now) {
        YearMonth month = YearMonth.from(day(now));
        if (!month.equals(clearMonth)) {
            clearMonth = month;
            clears = 0;
        }
        if (clears >= QUOTA_CLEARS_PER_MONTH) {
            return Outcome.failed(ErrorCode.CLEAR_QUOTA_LIMIT);
        }
        clears++;
        classicCalls.reset(day(now));
        stableCalls.reset(day(now));
        return Outcome.ok(clears);
    }

    synchronized int classicCallsOn(LocalDate day) {
        return classicCalls.countOn(day);
    }

    synchronized int stableCallsOn(LocalDate day) {
        return stableCalls.countOn(day);
    }

    synchronized int forceRefreshesOn(LocalDate day) {
        return forceRefreshes.countOn(day);
    }

    Map<String, UserState> users() {
        return users;
    }

    static LocalDate day(Instant now) {
        return LocalDate.ofInstant(now, WECHAT_ZONE);
    }

    private static IssuedToken newStable(
            String value, AppConfig c, Instant now, ConcurrentMap<String, IssuedToken> registry) {
        IssuedToken fresh =
                new IssuedToken(value, c.appId(), IssuedToken.Kind.STABLE, now, now.plusSeconds(c.tokenExpiresIn()));
        registry.put(fresh.value(), fresh);
        return fresh;
    }

    /** Kills a token now and forgets it, which keeps the registry at most two tokens per family and app. */
    private static void retire(IssuedToken token, Instant now, ConcurrentMap<String, IssuedToken> registry) {
        if (token != null) {
            token.revokeAt(now);
            registry.remove(token.value(), token);
        }
    }
}
