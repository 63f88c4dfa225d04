package dev.wxgate.domain.token;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;

/** WeChat counts quotas and budgets per day (and month) in China time. */
public final class WechatDay {
    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private WechatDay() {}

    /** The WeChat day {@code at} falls on. */
    public static LocalDate of(Instant at) {
        return LocalDate.ofInstant(at, ZONE);
    }

    /** The WeChat month {@code at} falls in (monthly limits such as clear_quota's). */
    public static YearMonth month(Instant at) {
        return YearMonth.from(of(at));
    }

    /** The start of the WeChat day after {@code now}. */
    public static Instant next(Instant now) {
        return of(now).plusDays(1).atStartOfDay(ZONE).toInstant();
    }
}
