package dev.wxgate.application.token;

import dev.wxgate.domain.app.AppId;
import dev.wxgate.domain.app.WechatApps;
import dev.wxgate.domain.token.AccessToken;
import dev.wxgate.domain.token.CredentialKey;

/**
 * Use case: the app's current access_token for a caller. A valid token is answered at once (from the near cache when
 * the store has one), even while it is being refreshed; only when there is none does the caller wait, boundedly, for
 * the one refresh the cluster makes.
 */
public final class GetAccessToken {
    private final WechatApps apps;
    private final CredentialRefresher<AccessToken> refresher;

    GetAccessToken(WechatApps apps, CredentialRefresher<AccessToken> refresher) {
        this.apps = apps;
        this.refresher = refresher;
    }

    /**
     * @throws NoAccessTokenException when the app is a website app, which has none
     * @throws dev.wxgate.application.UnknownAppException when wxgate does not serve {@code appId}
     * @throws TokenUnavailableException when no valid token could be had within the wait
     * @throws dev.wxgate.domain.StoreUnavailableException when the token store cannot be reached
     */
    public AccessToken current(AppId appId) {
        NoAccessTokenException.require(apps, appId);
        return refresher.current(CredentialKey.accessToken(appId));
    }
}
