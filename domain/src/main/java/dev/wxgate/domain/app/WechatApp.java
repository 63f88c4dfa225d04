package dev.wxgate.domain.app;

import dev.wxgate.domain.Require;
import java.util.Optional;

/** A WeChat app wxgate serves: its identity, the credentials to call WeChat as it, and its callback settings. */
public record WechatApp(
        AppId appId, AppSecret secret, AppType type, TokenMode tokenMode, Optional<CallbackSettings> callback) {

    public WechatApp {
        Require.present(appId, "appId");
        Require.present(secret, "secret");
        Require.present(type, "type");
        Require.present(tokenMode, "tokenMode");
        Require.present(callback, "callback");
    }
}
