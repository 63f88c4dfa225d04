package dev.wxgate.application.token;

import dev.wxgate.domain.app.WechatApps;
import dev.wxgate.domain.token.AccessToken;
import dev.wxgate.domain.token.CredentialKey;

/**
 * Use case: compare-and-refresh after WeChat rejected a token. A report of a token that is no longer the current one
 * is answered with the current one; only a report of the current token refreshes it, and any number of simultaneous
 * reports of it make one refresh. In stable mode, where WeChat keeps issuing the same token, the refresh is forced
 * (within WeChat's budget) only when the plain call returns the rejected token again.
 */
public final class ReportInvalidAccessToken {
    private final WechatApps apps;
    private final CredentialRefresher<AccessToken> refresher;

    ReportInvalidAccessToken(WechatApps apps, CredentialRefresher<AccessToken> refresher) {
        this.apps = apps;
        this.refresher = refresher;
    }

    /**
     * Returns the current token, new if the reported one had to be replaced.
     *
     * @throws NoAccessTokenException when the app is a website app, which has none
     * @throws dev.wxgate.application.UnknownAppException when wxgate does not serve the app
     * @throws TokenUnavailableException when no other valid token could be had within the wait
     * @throws dev.wxgate.domain.StoreUnavailableException when the token store cannot be reached
     */
    public AccessToken reportInvalid(InvalidTokenReport report) {
        NoAccessTokenException.require(apps, report.appId());
        return refresher.replace(CredentialKey.accessToken(report.appId()), report.accessToken(), report.reporter());
    }
}
