package dev.wxgate.application.token;

import dev.wxgate.domain.app.AppId;
import dev.wxgate.domain.app.WechatApp;
import dev.wxgate.domain.app.WechatApps;
import dev.wxgate.domain.token.AccessToken;
import dev.wxgate.domain.token.CredentialKey;
import dev.wxgate.domain.token.ForceBudget;
import dev.wxgate.domain.token.QuotaUsage;
import dev.wxgate.domain.token.WechatDay;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Use case: the state of each app's token, for the console and the metrics. Reads only; never calls WeChat. */
public final class ViewTokenStatus {
    private final WechatApps apps;
    private final CredentialRefresher<AccessToken> refresher;

    ViewTokenStatus(WechatApps apps, CredentialRefresher<AccessToken> refresher) {
        this.apps = apps;
        this.refresher = refresher;
    }

    /**
     * @throws NoAccessTokenException when the app is a website app, which has none
     * @throws dev.wxgate.application.UnknownAppException when wxgate does not serve {@code appId}
     * @throws dev.wxgate.domain.StoreUnavailableException when the token store cannot be reached
     */
    public TokenStatus of(AppId appId) {
        WechatApp app = NoAccessTokenException.require(apps, appId);
        CredentialKey key = CredentialKey.accessToken(appId);
        Instant now = refresher.now();
        Optional<TokenStatus.Stored> stored = refresher
                .store()
                .read(key)
                .map(token -> new TokenStatus.Stored(
                        token.credential().masked(),
                        token.version(),
                        token.fetchedBy(),
                        token.credential().fetchedAt(),
                        token.credential().expiresAt(),
                        refresher.schedule().refreshAt(token.credential())));
        QuotaUsage today = refresher.ports().quota().usage(key, WechatDay.of(now));
        ForceBudget budget = refresher.ports().forceBudget().apply(key).orElse(ForceBudget.UNLIMITED);
        Optional<TokenStatus.Failure> failure = refresher
                .lastFailure(key)
                .map(f -> new TokenStatus.Failure(f.failure(), f.errcode(), f.inARow(), f.at(), f.retryAfter()));
        return new TokenStatus(
                appId,
                app.tokenMode(),
                stored,
                today,
                refresher.dailyQuota(key),
                budget.left(today),
                budget.nextAllowedAfter(today, now),
                failure);
    }

    /** Every served app's status, in configuration order; website apps have no token and are left out. */
    public List<TokenStatus> all() {
        return apps.withAccessToken().stream().map(app -> of(app.appId())).toList();
    }
}
