package dev.wxgate.domain.token;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/** WeChat counts quotas and budgets per day in China time. */
public final class WechatDay {
    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private WechatDay() {}

    /** The WeChat day {@code at} falls on. */
    public static LocalDate of(Instant at) {
        return LocalDate.ofInstant(at, ZONE);
    }

    /** The start of the WeChat day after {@code now}. */
    public static Instant next(Instant now) {
        return of(now).plusDays(1).atStartOfDay(ZONE).toInstant();
    }
}
