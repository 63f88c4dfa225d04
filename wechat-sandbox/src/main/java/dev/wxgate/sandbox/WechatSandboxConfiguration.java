package dev.wxgate.sandbox;

import java.security.SecureRandom;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wiring: the WeChat sandbox as a unit another application can {@code @Import}: the engine, WeChat's endpoints at
 * {@code wxgate.sandbox.wechat-path}, the control API under /_sandbox/, and the {@code wxgate.sandbox.*} properties.
 * No component scanning: everything is built here.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SandboxProperties.class)
public class WechatSandboxConfiguration {

    @Bean
    SandboxEngine wechatSandboxEngine(SandboxProperties properties) {
        Secrets generator = new Secrets(new SecureRandom());
        // The sandbox keeps its own clock (advanced through the control API), never the host application's Clock bean.
        return new SandboxEngine(
                properties.appConfigs(generator::appId, generator::appSecret),
                Clock.systemUTC(),
                properties.stableMinuteQuota());
    }

    /** The apps the sandbox starts with, for a host application that serves them (wxgate's embedded default). */
    @Bean
    public SandboxApps wechatSandboxApps(SandboxEngine wechatSandboxEngine) {
        return new SandboxApps(wechatSandboxEngine.configuredApps().stream()
                .map(app -> new SandboxApp(app.appId(), app.secret(), app.type().wireName()))
                .toList());
    }

    @Bean
    WechatApiController wechatSandboxApiController(SandboxEngine wechatSandboxEngine) {
        return new WechatApiController(wechatSandboxEngine);
    }

    @Bean
    WebOAuthApiController wechatSandboxWebOAuthApiController(SandboxEngine wechatSandboxEngine) {
        return new WebOAuthApiController(wechatSandboxEngine);
    }

    /** The web login's consent page (open.weixin.qq.com), deciding for the clients the control API answers. */
    @Bean
    AuthorizePageController wechatSandboxAuthorizePageController(
            SandboxEngine wechatSandboxEngine, SandboxProperties properties) {
        return new AuthorizePageController(wechatSandboxEngine, new ControlAccess(properties.controlFrom()));
    }

    /**
     * The control API; embedded, the push tool sends to the host's own callback URLs, unless the application (the
     * standalone sandbox) supplies its own {@link PushTargets}.
     */
    @Bean
    SandboxControlController wechatSandboxControlController(
            SandboxEngine wechatSandboxEngine, SandboxProperties properties, ObjectProvider<PushTargets> targets) {
        // Push timestamps follow the wall clock, not the sandbox's advanced one: the target checks them against its
        // own.
        CallbackHttp http = new CallbackHttp();
        CallbackPush push = new CallbackPush(http, SandboxJson.CODEC, Clock.systemUTC(), new SecureRandom());
        return new SandboxControlController(
                wechatSandboxEngine,
                push,
                new CallbackAdmin(http, Clock.systemUTC(), new SecureRandom()),
                new ControlAccess(properties.controlFrom()),
                targets.getIfAvailable(() -> PushTargets.sameServer(properties.pushTargets())));
    }
}
