package dev.wxgate.application.token;

import dev.wxgate.domain.app.AppId;
import dev.wxgate.domain.app.TokenMode;
import dev.wxgate.domain.app.WechatApp;
import dev.wxgate.domain.token.QuotaUsage;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/** Use case: the state of each app's token, for the console and the metrics. Reads only; never calls WeChat. */
public final class ViewTokenStatus {
    private final TokenRefresher refresher;

    ViewTokenStatus(TokenRefresher refresher) {
        this.refresher = refresher;
    }

    /**
     * @throws dev.wxgate.application.UnknownAppException when wxgate does not serve {@code appId}
     * @throws dev.wxgate.domain.StoreUnavailableException when the token store cannot be reached
     */
    public TokenStatus of(AppId appId) {
        WechatApp app = refresher.app(appId);
        Instant now = refresher.now();
        Optional<TokenStatus.Stored> stored = refresher
                .store()
                .read(appId)
                .map(token -> new TokenStatus.Stored(
                        token.token().masked(),
                        token.version(),
                        token.fetchedBy(),
                        token.token().fetchedAt(),
                        token.token().expiresAt(),
                        refresher.refreshAt(token)));
        QuotaUsage today = refresher.quota().usage(appId, TokenRefresher.day(now));
        OptionalInt left = OptionalInt.empty();
        Optional<Instant> next = Optional.empty();
        if (app.tokenMode() == TokenMode.STABLE) {
            left = OptionalInt.of((int) Math.max(0, TokenRefresher.FORCE_REFRESHES_PER_DAY - today.forcedRefreshes()));
            next = today.lastForcedAt()
                    .map(at -> at.plus(TokenRefresher.FORCE_REFRESH_SPACING))
                    .filter(now::isBefore);
        }
        Optional<TokenStatus.Failure> failure = refresher
                .lastFailure(appId)
                .map(f -> new TokenStatus.Failure(f.failure(), f.errcode(), f.inARow(), f.at(), f.retryAfter()));
        return new TokenStatus(
                appId, app.tokenMode(), stored, today, refresher.settings().dailyQuota(), left, next, failure);
    }

    /** Every served app's status, in configuration order. */
    public List<TokenStatus> all() {
        return refresher.apps().all().stream().map(app -> of(app.appId())).toList();
    }
}
