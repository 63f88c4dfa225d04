package dev.wxgate.domain.token;

import dev.wxgate.domain.app.AppId;
import java.time.LocalDate;
import java.time.YearMonth;

/**
 * Secondary port: the count of WeChat quota clears ({@code clear_quota}) wxgate made per app and WeChat month, shared
 * by every node (WeChat allows {@link #WECHAT_LIMIT} a month), and the reset of wxgate's own count of the app's token
 * calls that a clear makes stale.
 *
 * @throws dev.wxgate.domain.StoreUnavailableException from any method when the store cannot be reached
 */
public interface QuotaClears {
    /** Clears WeChat allows an app a month; past them it answers 48006. */
    int WECHAT_LIMIT = 10;

    /**
     * Counts one clear of {@code appId} in {@code month} and sets the app's token calls and errors on {@code day} to
     * zero (forced refreshes stay: their budget is not WeChat's call quota), atomically; returns the month's clears
     * including this one.
     */
    int recordClear(AppId appId, YearMonth month, LocalDate day);

    /** The clears of {@code appId} counted in {@code month}. */
    int clears(AppId appId, YearMonth month);
}
