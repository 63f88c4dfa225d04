package dev.wxgate.domain.token;

import dev.wxgate.domain.app.AppId;
import dev.wxgate.domain.app.TokenMode;
import java.util.Map;

/**
 * How many token calls WeChat allows each app a day: the app's own figure when one is configured (a test account's 200,
 * a raised limit), else WeChat's documented limit for its token mode ({@code /cgi-bin/token} 2000,
 * {@code /cgi-bin/stable_token} 500,000).
 */
public record DailyQuotas(long classic, long stable, Map<AppId, Long> perApp) {
    /** WeChat's limit of {@code /cgi-bin/token} calls a day per app (test accounts: 200). */
    public static final long WECHAT_CLASSIC = 2000;
    /** WeChat's limit of {@code /cgi-bin/stable_token} calls a day per app. */
    public static final long WECHAT_STABLE = 500_000;

    public DailyQuotas {
        positive(classic, "classic");
        positive(stable, "stable");
        perApp = Map.copyOf(perApp);
        perApp.forEach((app, quota) -> positive(quota, "dailyQuota of " + app));
    }

    /** WeChat's documented limits, no app of its own. */
    public static DailyQuotas wechatDefaults() {
        return new DailyQuotas(WECHAT_CLASSIC, WECHAT_STABLE, Map.of());
    }

    /** One figure for every app, whatever its mode. */
    public static DailyQuotas uniform(long quota) {
        return new DailyQuotas(quota, quota, Map.of());
    }

    /** The daily quota of {@code appId} in {@code mode}. */
    public long of(AppId appId, TokenMode mode) {
        Long own = perApp.get(appId);
        if (own != null) {
            return own;
        }
        return mode == TokenMode.STABLE ? stable : classic;
    }

    private static void positive(long quota, String field) {
        if (quota < 1) {
            throw new IllegalArgumentException(field + " must be positive");
        }
    }
}
