package dev.wxgate.application.token;

import dev.wxgate.application.UnknownAppException;
import dev.wxgate.domain.app.AppId;
import dev.wxgate.domain.app.WechatApp;
import dev.wxgate.domain.app.WechatApps;

/**
 * The app is served, but is of a kind WeChat issues no access_token to (a website app, which only logs users in): wxgate
 * neither fetches, serves, refreshes nor reports one for it.
 */
public final class NoAccessTokenException extends RuntimeException {
    private final AppId appId;

    public NoAccessTokenException(WechatApp app) {
        super("app " + app.appId() + " is a " + app.type().displayName()
                + " app, which has no access_token (it serves web login only)");
        this.appId = app.appId();
    }

    /**
     * The app {@code appId}, if it has an access_token.
     *
     * @throws UnknownAppException when wxgate does not serve it
     * @throws NoAccessTokenException when it is of a kind without one
     */
    public static WechatApp require(WechatApps apps, AppId appId) {
        WechatApp app = apps.find(appId).orElseThrow(() -> new UnknownAppException(appId));
        if (!app.type().hasAccessToken()) {
            throw new NoAccessTokenException(app);
        }
        return app;
    }

    public AppId appId() {
        return appId;
    }
}
