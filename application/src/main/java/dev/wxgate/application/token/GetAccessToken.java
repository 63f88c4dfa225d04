package dev.wxgate.application.token;

import dev.wxgate.domain.app.AppId;
import dev.wxgate.domain.app.WechatApp;
import dev.wxgate.domain.token.AccessToken;
import dev.wxgate.domain.token.StoredToken;
import java.time.Instant;
import java.util.Optional;

/**
 * Use case: the app's current access_token for a caller. A valid token is answered at once (from the near cache when
 * the store has one), even while it is being refreshed; only when there is none does the caller wait, boundedly, for
 * the one refresh the cluster makes.
 */
public final class GetAccessToken {
    private final TokenRefresher refresher;

    GetAccessToken(TokenRefresher refresher) {
        this.refresher = refresher;
    }

    /**
     * @throws dev.wxgate.application.UnknownAppException when wxgate does not serve {@code appId}
     * @throws TokenUnavailableException when no valid token could be had within the wait
     * @throws dev.wxgate.domain.StoreUnavailableException when the token store cannot be reached
     */
    public AccessToken current(AppId appId) {
        WechatApp app = refresher.app(appId);
        Instant now = refresher.now();
        Optional<StoredToken> known = refresher.store().read(appId);
        if (known.isPresent() && TokenRefresher.usable(known.get(), now)) {
            if (refresher.due(known.get(), now)) {
                // The scheduler normally does this; a read that notices first starts it, and does not wait for it.
                refresher.refreshInBackground(app, TokenRefresher.Demand.ahead());
            }
            return known.get().token();
        }
        return refresher.await(app, TokenRefresher.Demand.usable());
    }
}
