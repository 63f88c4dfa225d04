package dev.wxgate.application.token;

/**
 * Use case: an operator replaces an app's token now, e.g. after its secret leaked. In stable mode this spends one of
 * WeChat's 20 forced refreshes a day (at least 30 s apart), and is refused without calling WeChat when none is left.
 * Every outcome is written to the audit log.
 */
public final class ForceRefreshAccessToken {
    private final TokenRefresher refresher;

    ForceRefreshAccessToken(TokenRefresher refresher) {
        this.refresher = refresher;
    }

    /**
     * @throws dev.wxgate.application.UnknownAppException when wxgate does not serve the app
     * @throws dev.wxgate.domain.StoreUnavailableException when the token store cannot be reached
     */
    public ForceRefreshOutcome forceRefresh(ForceRefresh command) {
        return refresher.force(refresher.app(command.appId()), command.actor(), command.reason());
    }
}
