package dev.wxgate.application.token;

import dev.wxgate.domain.app.WechatApps;
import dev.wxgate.domain.audit.AuditLog;
import dev.wxgate.domain.token.AccessToken;
import dev.wxgate.domain.token.ApiQuotaReset;
import dev.wxgate.domain.token.DailyQuotas;
import dev.wxgate.domain.token.QuotaClears;
import dev.wxgate.domain.token.TokenQuota;
import dev.wxgate.domain.token.TokenSource;
import dev.wxgate.domain.token.TokenStore;
import java.time.Clock;
import java.util.concurrent.Executor;

/**
 * The token server's use cases, built together because they share one {@link CredentialRefresher} (one set of
 * in-flight refreshes and back-offs per node): the access_token is the first credential kind it serves. Bootstrap
 * creates this once and exposes each use case.
 *
 * @param executor runs refreshes, so a caller's wait stays bounded while WeChat is slow (virtual threads suit it)
 */
public record AccessTokenUseCases(
        GetAccessToken getAccessToken,
        ReportInvalidAccessToken reportInvalidAccessToken,
        ForceRefreshAccessToken forceRefreshAccessToken,
        RefreshAheadOfExpiry refreshAheadOfExpiry,
        ViewTokenStatus viewTokenStatus,
        WithAccessToken withAccessToken) {

    /** Every app with {@code settings.dailyQuota()}, whatever its mode (tests). */
    public static AccessTokenUseCases create(
            WechatApps apps,
            TokenSource source,
            TokenStore store,
            TokenQuota quota,
            AuditLog audit,
            CredentialEvents events,
            TokenSettings settings,
            Clock clock,
            Executor executor) {
        return create(
                apps,
                source,
                store,
                quota,
                DailyQuotas.uniform(settings.dailyQuota()),
                audit,
                events,
                settings,
                clock,
                executor);
    }

    /** @param dailyQuotas each app's daily quota of token calls, for the 80 % warning, the metrics and the console */
    public static AccessTokenUseCases create(
            WechatApps apps,
            TokenSource source,
            TokenStore store,
            TokenQuota quota,
            DailyQuotas dailyQuotas,
            AuditLog audit,
            CredentialEvents events,
            TokenSettings settings,
            Clock clock,
            Executor executor) {
        CredentialRefresher<AccessToken> refresher = new CredentialRefresher<>(
                AccessTokenPorts.of(apps, source, store, quota, dailyQuotas), audit, events, settings, clock, executor);
        GetAccessToken get = new GetAccessToken(apps, refresher);
        ReportInvalidAccessToken report = new ReportInvalidAccessToken(apps, refresher);
        return new AccessTokenUseCases(
                get,
                report,
                new ForceRefreshAccessToken(apps, refresher),
                new RefreshAheadOfExpiry(apps, refresher),
                new ViewTokenStatus(apps, refresher),
                new WithAccessToken(get, report));
    }

    /**
     * The clear_quota use case, on this node's refresher, so that a clear ends the pause the quota failure started.
     *
     * @param reset WeChat's clear_quota
     * @param clears where the month's clears are counted and today's calls reset
     */
    public ClearQuota clearQuota(WechatApps apps, ApiQuotaReset reset, QuotaClears clears, AuditLog audit) {
        return new ClearQuota(apps, withAccessToken, reset, clears, forceRefreshAccessToken.refresher(), audit);
    }
}
