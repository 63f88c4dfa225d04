package dev.wxgate.application.token;

import dev.wxgate.domain.app.WechatApps;
import dev.wxgate.domain.audit.AuditLog;
import dev.wxgate.domain.token.AccessToken;
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
        CredentialRefresher<AccessToken> refresher = new CredentialRefresher<>(
                AccessTokenPorts.of(apps, source, store, quota), audit, events, settings, clock, executor);
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
}
