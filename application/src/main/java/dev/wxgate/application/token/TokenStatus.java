package dev.wxgate.application.token;

import dev.wxgate.domain.app.AppId;
import dev.wxgate.domain.app.TokenMode;
import dev.wxgate.domain.token.QuotaUsage;
import dev.wxgate.domain.wechat.WechatFailure;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What an operator sees of an app's token: the stored token (masked), today's use of WeChat's quota, the forced
 * refreshes left (stable mode) and the last failure while the app is pausing after it.
 *
 * @param dailyQuota the token calls WeChat allows this app a day: its own figure, else WeChat's for its token mode
 *     (classic 2000, stable 500,000); the 80 % warning and {@code wxgate.token.quota.limit} use the same
 * @param forcedRefreshesLeft stable mode only: how many of WeChat's 20 forced refreshes a day are left
 * @param nextForcedRefreshAt stable mode only: when the 30 s spacing allows the next one, if that is in the future
 */
public record TokenStatus(
        AppId appId,
        TokenMode tokenMode,
        Optional<Stored> token,
        QuotaUsage today,
        long dailyQuota,
        OptionalInt forcedRefreshesLeft,
        Optional<Instant> nextForcedRefreshAt,
        Optional<Failure> lastFailure) {

    /** The stored token, with its value masked. */
    public record Stored(
            String masked, long version, String fetchedBy, Instant fetchedAt, Instant expiresAt, Instant refreshAt) {}

    /** The failure the app pauses after, with the time of the next attempt. */
    public record Failure(WechatFailure failure, OptionalInt errcode, int inARow, Instant at, Instant retryAfter) {}
}
