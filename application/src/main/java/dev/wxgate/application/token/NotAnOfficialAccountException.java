package dev.wxgate.application.token;

import dev.wxgate.application.UnknownAppException;
import dev.wxgate.domain.app.AppId;
import dev.wxgate.domain.app.AppType;
import dev.wxgate.domain.app.WechatApp;
import dev.wxgate.domain.app.WechatApps;

/** JS-SDK tickets belong to official accounts; this app is served, but is a mini-program or a website app. */
public final class NotAnOfficialAccountException extends RuntimeException {
    private final AppId appId;

    public NotAnOfficialAccountException(AppId appId, AppType type) {
        super("app " + appId + " is a " + type.displayName()
                + "; JS-SDK tickets and signatures are for official accounts");
        this.appId = appId;
    }

    /**
     * The official account {@code appId}.
     *
     * @throws UnknownAppException when wxgate does not serve it
     * @throws NotAnOfficialAccountException when it is a mini-program or a website app
     */
    public static WechatApp require(WechatApps apps, AppId appId) {
        WechatApp app = apps.find(appId).orElseThrow(() -> new UnknownAppException(appId));
        if (app.type() != AppType.OFFICIAL_ACCOUNT) {
            throw new NotAnOfficialAccountException(appId, app.type());
        }
        return app;
    }

    public AppId appId() {
        return appId;
    }
}
