package dev.wxgate.application.callback;

import dev.wxgate.application.UnknownAppException;
import dev.wxgate.domain.app.AppId;
import dev.wxgate.domain.app.CallbackSettings;
import dev.wxgate.domain.app.WechatApps;

/** The apps that receive callbacks: an app without callback settings is, to a caller, not there. */
final class CallbackApps {
    private CallbackApps() {}

    static CallbackSettings settings(WechatApps apps, AppId appId) {
        return apps.find(appId).flatMap(app -> app.callback()).orElseThrow(() -> new UnknownAppException(appId));
    }
}
