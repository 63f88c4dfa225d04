package dev.wxgate.bootstrap;

import dev.wxgate.domain.app.AppId;
import dev.wxgate.domain.app.AppSecret;
import dev.wxgate.domain.app.AppType;
import dev.wxgate.domain.app.CallbackSettings;
import dev.wxgate.domain.app.TokenMode;
import dev.wxgate.domain.app.WechatApp;
import dev.wxgate.domain.app.WechatApps;
import dev.wxgate.sandbox.SandboxApps;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Turns {@code wxgate.apps[N]} into the domain's {@link WechatApps}, failing start-up on the first bad entry. With no
 * app configured and the sandbox on, wxgate serves the sandbox's apps, each with the same development callback settings
 * ({@value #SANDBOX_CALLBACK_TOKEN}, {@value #SANDBOX_CALLBACK_AES_KEY}).
 */
@Configuration(proxyBeanMethods = false)
class WechatAppsConfiguration {
    /** The sandbox apps' message-push token (documented in the README, for the sandbox's push tool). */
    static final String SANDBOX_CALLBACK_TOKEN = "wxgatesandbox";

    /** The sandbox apps' EncodingAESKey: 43 letters and digits, public, for development only. */
    static final String SANDBOX_CALLBACK_AES_KEY = "wxgateSandboxEncodingAesKey0123456789abcdeg";

    static final CallbackSettings SANDBOX_CALLBACK =
            new CallbackSettings(SANDBOX_CALLBACK_TOKEN, Optional.of(SANDBOX_CALLBACK_AES_KEY));

    @Bean
    WechatApps wechatApps(WxgateProperties properties, ObjectProvider<SandboxApps> sandbox) {
        if (properties.apps().isEmpty()) {
            SandboxApps sandboxApps = sandbox.getIfAvailable();
            if (sandboxApps != null) {
                return new WechatApps(fromSandbox(sandboxApps));
            }
        }
        return new WechatApps(toDomain(properties.apps()));
    }

    private static List<WechatApp> fromSandbox(SandboxApps sandbox) {
        return sandbox.all().stream()
                .map(app -> new WechatApp(
                        AppId.of(app.appId()),
                        AppSecret.of(app.secret()),
                        app.isMiniProgram() ? AppType.MINI_PROGRAM : AppType.OFFICIAL_ACCOUNT,
                        TokenMode.STABLE,
                        Optional.of(SANDBOX_CALLBACK)))
                .toList();
    }

    static List<WechatApp> toDomain(List<WxgateProperties.App> apps) {
        List<WechatApp> result = new ArrayList<>();
        for (int i = 0; i < apps.size(); i++) {
            result.add(toDomain(apps.get(i), "wxgate.apps[" + i + "]"));
        }
        return result;
    }

    /** Without a mode, the one WeChat's admin starts from: compatible with an EncodingAESKey, plaintext without. */
    private static CallbackSettings toDomain(WxgateProperties.Callback callback) {
        Optional<String> key = Optional.ofNullable(callback.encodingAesKey());
        return callback.mode() == null
                ? new CallbackSettings(callback.token(), key)
                : new CallbackSettings(callback.token(), key, callback.mode());
    }

    private static WechatApp toDomain(WxgateProperties.App app, String path) {
        try {
            return new WechatApp(
                    AppId.of(app.appId()),
                    AppSecret.of(app.secret()),
                    app.type(),
                    app.tokenMode(),
                    Optional.ofNullable(app.callback()).map(WechatAppsConfiguration::toDomain));
        } catch (IllegalArgumentException invalid) {
            // The domain's message names the field and never echoes the value, so it is safe to show.
            throw new IllegalStateException(path + ": " + invalid.getMessage(), invalid);
        }
    }
}
