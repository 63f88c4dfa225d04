package dev.wxgate.domain.token;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * How many forced refreshes WeChat allows a credential: at most {@code perDay} a WeChat day, at least {@code spacing}
 * apart. A stable-mode access_token has WeChat's 20 a day, 30 s apart; a classic one has no budget of its own (every
 * call is a new token), so its forced refreshes are only counted.
 */
public record ForceBudget(int perDay, Duration spacing) {
    /** WeChat's budget of forced refreshes of a stable access_token. */
    public static final ForceBudget STABLE_ACCESS_TOKEN = new ForceBudget(20, Duration.ofSeconds(30));

    /** No limit: forced refreshes are counted only. */
    public static final ForceBudget UNLIMITED = new ForceBudget(Integer.MAX_VALUE, Duration.ZERO);

    /** Why the budget allows no forced refresh now, and when it will allow the next. */
    public record Refusal(String why, Optional<Instant> nextAllowedAt) {}

    public ForceBudget {
        if (perDay < 1) {
            throw new IllegalArgumentException("perDay must be positive");
        }
        if (spacing == null || spacing.isNegative()) {
            throw new IllegalArgumentException("spacing must be zero or positive");
        }
    }

    public boolean isLimited() {
        return perDay != Integer.MAX_VALUE;
    }

    /** Forced refreshes left on the day of {@code usage}; empty for an unlimited budget. */
    public OptionalInt left(QuotaUsage usage) {
        return isLimited() ? OptionalInt.of((int) Math.max(0, perDay - usage.forcedRefreshes())) : OptionalInt.empty();
    }

    /** When the spacing allows the next forced refresh, if that is after {@code now}; empty for an unlimited budget. */
    public Optional<Instant> nextAllowedAfter(QuotaUsage usage, Instant now) {
        return isLimited() ? usage.lastForcedAt().map(at -> at.plus(spacing)).filter(now::isBefore) : Optional.empty();
    }

    /** Why the budget allows no forced refresh at {@code now}, given the day's {@code usage}. */
    public Refusal refusal(QuotaUsage usage, Instant now) {
        if (usage.forcedRefreshes() >= perDay) {
            Instant next = WechatDay.next(now);
            return new Refusal(
                    "WeChat allows " + perDay + " forced refreshes a day and all are used; next after " + next,
                    Optional.of(next));
        }
        Instant next = usage.lastForcedAt().map(at -> at.plus(spacing)).orElse(now);
        return new Refusal(
                "WeChat allows one forced refresh every " + spacing.toSeconds() + " s; next after " + next,
                Optional.of(next));
    }
}
