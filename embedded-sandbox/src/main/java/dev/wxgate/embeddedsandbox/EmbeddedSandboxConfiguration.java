package dev.wxgate.embeddedsandbox;

import dev.wxgate.domain.app.AppId;
import dev.wxgate.domain.app.AppSecret;
import dev.wxgate.domain.app.AppType;
import dev.wxgate.domain.app.CallbackSettings;
import dev.wxgate.domain.app.TokenMode;
import dev.wxgate.domain.app.WechatApp;
import dev.wxgate.domain.app.WechatApps;
import dev.wxgate.sandbox.SandboxApp;
import dev.wxgate.sandbox.SandboxApps;
import dev.wxgate.sandbox.WechatSandboxConfiguration;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * Wiring: the WeChat sandbox inside wxgate. bootstrap imports this class by name, only when the sandbox is wanted and
 * this module is on the classpath, so that no production class of bootstrap compiles against the sandbox. It brings
 * the sandbox ({@link WechatSandboxConfiguration}) and offers its apps as wxgate's apps, each with the same development
 * callback settings ({@value #SANDBOX_CALLBACK_TOKEN}, {@value #SANDBOX_CALLBACK_AES_KEY}).
 */
@Configuration(proxyBeanMethods = false)
@Import(WechatSandboxConfiguration.class)
public class EmbeddedSandboxConfiguration {
    /** The sandbox apps' message-push token (documented in the README, for the sandbox's push tool). */
    public static final String SANDBOX_CALLBACK_TOKEN = "wxgatesandbox";

    /** The sandbox apps' EncodingAESKey: 43 letters and digits, public, for development only. */
    public static final String SANDBOX_CALLBACK_AES_KEY = "wxgateSandboxEncodingAesKey0123456789abcdeg";

    static final CallbackSettings SANDBOX_CALLBACK =
            new CallbackSettings(SANDBOX_CALLBACK_TOKEN, Optional.of(SANDBOX_CALLBACK_AES_KEY));

    /**
     * The apps wxgate serves while none is configured. A {@link Supplier} (a JDK type) rather than a second
     * {@link WechatApps} bean, so bootstrap can ask for it without knowing this module.
     */
    @Bean
    Supplier<WechatApps> sandboxWechatApps(SandboxApps wechatSandboxApps) {
        WechatApps apps = new WechatApps(wechatSandboxApps.all().stream()
                .map(app -> new WechatApp(
                        AppId.of(app.appId()),
                        AppSecret.of(app.secret()),
                        type(app),
                        TokenMode.STABLE,
                        // A website app receives no WeChat callbacks.
                        app.isWebsite() ? Optional.empty() : Optional.of(SANDBOX_CALLBACK)))
                .toList());
        return () -> apps;
    }

    private static AppType type(SandboxApp app) {
        if (app.isMiniProgram()) {
            return AppType.MINI_PROGRAM;
        }
        return app.isWebsite() ? AppType.WEBSITE : AppType.OFFICIAL_ACCOUNT;
    }
}
