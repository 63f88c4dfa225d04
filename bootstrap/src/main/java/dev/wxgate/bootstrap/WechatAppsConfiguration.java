package dev.wxgate.bootstrap;

import dev.wxgate.domain.app.AppId;
import dev.wxgate.domain.app.AppSecret;
import dev.wxgate.domain.app.AppType;
import dev.wxgate.domain.app.CallbackMode;
import dev.wxgate.domain.app.CallbackSettings;
import dev.wxgate.domain.app.PreviousAesKey;
import dev.wxgate.domain.app.WechatApp;
import dev.wxgate.domain.app.WechatApps;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Turns {@code wxgate.apps[N]} into the domain's {@link WechatApps}, failing start-up on the first bad entry. With no
 * app configured and the sandbox on, wxgate serves the sandbox's apps, which the embedded sandbox's wiring
 * ({@code embedded-sandbox}, see {@link SandboxConfiguration}) offers.
 */
@Configuration(proxyBeanMethods = false)
class WechatAppsConfiguration {

    @Bean
    WechatApps wechatApps(WxgateProperties properties, ObjectProvider<Supplier<WechatApps>> sandboxApps) {
        if (properties.apps().isEmpty()) {
            Supplier<WechatApps> sandbox = sandboxApps.getIfAvailable();
            if (sandbox != null) {
                return sandbox.get();
            }
        }
        return new WechatApps(toDomain(properties.apps()));
    }

    static List<WechatApp> toDomain(List<WxgateProperties.App> apps) {
        List<WechatApp> result = new ArrayList<>();
        Map<AppId, Integer> seen = new HashMap<>();
        for (int i = 0; i < apps.size(); i++) {
            WechatApp app = toDomain(apps.get(i), "wxgate.apps[" + i + "]");
            Integer first = seen.putIfAbsent(app.appId(), i);
            if (first != null) {
                throw new InvalidSettingException(
                        "wxgate.apps[" + i + "].app-id",
                        app.appId() + " is configured twice: it is wxgate.apps[" + first + "] already");
            }
            result.add(app);
        }
        return result;
    }

    /** Without a mode, the one WeChat's admin starts from: compatible with an EncodingAESKey, plaintext without. */
    private static CallbackSettings toDomain(WxgateProperties.Callback callback) {
        Optional<String> key = Optional.ofNullable(callback.encodingAesKey());
        if (callback.previousEncodingAesKey() == null && callback.previousKeyUntil() != null) {
            throw new IllegalArgumentException("callback.previousKeyUntil needs a callback.previousEncodingAesKey");
        }
        Optional<PreviousAesKey> previous = Optional.ofNullable(callback.previousEncodingAesKey())
                .map(previousKey -> new PreviousAesKey(previousKey, Optional.ofNullable(callback.previousKeyUntil())));
        CallbackMode mode = callback.mode() == null ? CallbackMode.defaultFor(key.isPresent()) : callback.mode();
        return new CallbackSettings(callback.token(), key, mode, previous);
    }

    private static WechatApp toDomain(WxgateProperties.App app, String path) {
        if (app.type() == AppType.WEBSITE && app.callback() != null) {
            throw new InvalidSettingException(path + ".callback", "a website app receives no WeChat callbacks");
        }
        if (app.dailyQuota() != null && app.type() == AppType.WEBSITE) {
            throw new InvalidSettingException(path + ".daily-quota", "a website app has no access_token to count");
        }
        if (app.dailyQuota() != null && app.dailyQuota() < 1) {
            throw new InvalidSettingException(path + ".daily-quota", "must be a positive number of calls a day");
        }
        try {
            return new WechatApp(
                    AppId.of(app.appId()),
                    AppSecret.of(app.secret()),
                    app.type(),
                    app.tokenMode(),
                    Optional.ofNullable(app.callback()).map(WechatAppsConfiguration::toDomain));
        } catch (IllegalArgumentException invalid) {
            // The domain's message names the field and never echoes the value, so it is safe to show.
            throw InvalidSettingException.refused(path, invalid);
        }
    }
}
