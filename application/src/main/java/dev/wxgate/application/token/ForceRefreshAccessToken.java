package dev.wxgate.application.token;

import dev.wxgate.domain.app.WechatApps;
import dev.wxgate.domain.token.AccessToken;
import dev.wxgate.domain.token.CredentialKey;

/**
 * Use case: an operator replaces an app's token now, e.g. after its secret leaked. In stable mode this spends one of
 * WeChat's 20 forced refreshes a day (at least 30 s apart), and is refused without calling WeChat when none is left.
 * Every result is written to the audit log.
 */
public final class ForceRefreshAccessToken {
    private final WechatApps apps;
    private final CredentialRefresher<AccessToken> refresher;

    ForceRefreshAccessToken(WechatApps apps, CredentialRefresher<AccessToken> refresher) {
        this.apps = apps;
        this.refresher = refresher;
    }

    CredentialRefresher<AccessToken> refresher() {
        return refresher;
    }

    /**
     * @throws NoAccessTokenException when the app is a website app, which has none
     * @throws dev.wxgate.application.UnknownAppException when wxgate does not serve the app
     * @throws dev.wxgate.domain.StoreUnavailableException when the token store cannot be reached
     */
    public ForcedRefreshResult forceRefresh(ForcedRefreshRequest request) {
        NoAccessTokenException.require(apps, request.appId());
        return refresher.force(CredentialKey.accessToken(request.appId()), request.actor(), request.reason());
    }
}
