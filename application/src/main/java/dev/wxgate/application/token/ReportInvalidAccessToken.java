package dev.wxgate.application.token;

import dev.wxgate.domain.app.WechatApp;
import dev.wxgate.domain.token.AccessToken;
import dev.wxgate.domain.token.StoredToken;
import java.time.Instant;
import java.util.Optional;

/**
 * Use case: compare-and-refresh after WeChat rejected a token. A report of a token that is no longer the current one
 * is answered with the current one; only a report of the current token refreshes it, and any number of simultaneous
 * reports of it make one refresh. In stable mode, where WeChat keeps issuing the same token, the refresh is forced
 * (within WeChat's budget) only when the plain call returns the rejected token again.
 */
public final class ReportInvalidAccessToken {
    private final TokenRefresher refresher;

    ReportInvalidAccessToken(TokenRefresher refresher) {
        this.refresher = refresher;
    }

    /**
     * Returns the current token, new if the reported one had to be replaced.
     *
     * @throws dev.wxgate.application.UnknownAppException when wxgate does not serve the app
     * @throws TokenUnavailableException when no other valid token could be had within the wait
     * @throws dev.wxgate.domain.StoreUnavailableException when the token store cannot be reached
     */
    public AccessToken reportInvalid(InvalidTokenReport report) {
        WechatApp app = refresher.app(report.appId());
        // Past the near cache: the reporter may have got its token from a node that had not yet heard of a newer one.
        Optional<StoredToken> latest = refresher.store().readLatest(report.appId());
        Instant now = refresher.now();
        if (latest.isPresent()
                && TokenRefresher.usable(latest.get(), now)
                && !latest.get().token().sameValueAs(report.accessToken())) {
            return latest.get().token();
        }
        return refresher.await(app, TokenRefresher.Demand.replacing(report.accessToken(), report.reporter()));
    }
}
