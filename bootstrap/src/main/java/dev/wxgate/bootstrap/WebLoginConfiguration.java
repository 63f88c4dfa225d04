package dev.wxgate.bootstrap;

import dev.wxgate.adapters.persistence.RedisStore;
import dev.wxgate.adapters.persistence.weblogin.InMemoryWebLoginStore;
import dev.wxgate.adapters.persistence.weblogin.RedissonWebLoginStore;
import dev.wxgate.adapters.web.oauth.WebLoginLinks;
import dev.wxgate.adapters.wechat.WechatApiWebOAuth;
import dev.wxgate.adapters.wechat.WechatHttp;
import dev.wxgate.application.oauth.CompleteWebLogin;
import dev.wxgate.application.oauth.ExchangeWebLogin;
import dev.wxgate.application.oauth.OneTimeValues;
import dev.wxgate.application.oauth.StartWebLogin;
import dev.wxgate.application.oauth.WebLoginSettings;
import dev.wxgate.application.session.SessionTokens;
import dev.wxgate.domain.app.AppId;
import dev.wxgate.domain.app.AppType;
import dev.wxgate.domain.app.WechatApp;
import dev.wxgate.domain.app.WechatApps;
import dev.wxgate.domain.oauth.AllowedOrigins;
import dev.wxgate.domain.oauth.WebLoginStore;
import dev.wxgate.domain.oauth.WebOAuth;
import dev.wxgate.domain.oauth.WebOrigin;
import dev.wxgate.domain.ratelimit.RateLimiter;
import dev.wxgate.domain.ratelimit.RateLimiter.RateLimit;
import dev.wxgate.domain.session.SessionPolicy;
import dev.wxgate.domain.session.SessionRepository;
import dev.wxgate.domain.user.UserRegistry;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * The web login of official accounts and website apps (QR login): its settings (each app's allowed origins, from
 * {@code wxgate.apps[N].web}, or for the built-in sandbox's apps loopback on any port), the WeChat adapter, the store of logins in flight (in memory or
 * Redis, per {@code wxgate.store}) and the three use cases, created here with {@code new}; the browser and API side
 * comes with adapters-web's {@link dev.wxgate.adapters.web.oauth.WebLoginHttpConfiguration}.
 */
@Configuration(proxyBeanMethods = false)
@Import(dev.wxgate.adapters.web.oauth.WebLoginHttpConfiguration.class)
class WebLoginConfiguration {

    @Bean
    WebLoginSettings webLoginSettings(WxgateProperties properties, WechatApps apps) {
        WxgateProperties.Login login = properties.login();
        WxgateProperties.WebLogin web = properties.webLogin();
        return new WebLoginSettings(
                web.stateLifetime(),
                web.handoffLifetime(),
                new RateLimit(login.perClientIp(), login.period()),
                origins(properties.apps(), apps));
    }

    /**
     * Configured apps allow exactly their {@code web.allowed-origins}. The built-in sandbox's apps (served while none
     * is configured) allow {@code http://127.0.0.1} and {@code http://localhost} on any port, for development.
     */
    static Map<AppId, AllowedOrigins> origins(List<WxgateProperties.App> configured, WechatApps apps) {
        Map<AppId, AllowedOrigins> origins = new LinkedHashMap<>();
        if (configured.isEmpty()) {
            apps.all().stream()
                    .filter(app -> app.type() == AppType.OFFICIAL_ACCOUNT || app.type() == AppType.WEBSITE)
                    .map(WechatApp::appId)
                    .forEach(appId -> origins.put(appId, AllowedOrigins.LOOPBACK));
            return origins;
        }
        for (int i = 0; i < configured.size(); i++) {
            WxgateProperties.App app = configured.get(i);
            List<String> allowed = app.web() == null ? List.of() : app.web().allowedOrigins();
            try {
                origins.put(
                        AppId.of(app.appId()),
                        new AllowedOrigins(
                                allowed.stream().map(WebOrigin::parse).toList(), false));
            } catch (IllegalArgumentException invalid) {
                throw new InvalidSettingException(
                        "wxgate.apps[" + i + "].web.allowed-origins", invalid.getMessage(), invalid);
            }
        }
        return origins;
    }

    @Bean
    WebOAuth webOAuth(WechatHttp http) {
        return new WechatApiWebOAuth(http);
    }

    @Bean
    WebLoginLinks webLoginLinks(WxgateProperties properties) {
        return new WebLoginLinks(Optional.ofNullable(properties.webLogin().publicUrl()));
    }

    @Bean
    OneTimeValues webLoginValues() {
        return new OneTimeValues(new SecureRandom());
    }

    @Bean
    @ConditionalOnProperty(name = "wxgate.store", havingValue = "memory", matchIfMissing = true)
    WebLoginStore inMemoryWebLoginStore(Clock clock) {
        return new InMemoryWebLoginStore(clock);
    }

    @Bean
    @ConditionalOnProperty(name = "wxgate.store", havingValue = "redis")
    WebLoginStore redissonWebLoginStore(RedisStore redis, WxgateProperties properties) {
        return new RedissonWebLoginStore(redis, properties.redis().keyPrefix());
    }

    @Bean
    StartWebLogin startWebLogin(
            WechatApps apps,
            WebLoginStore store,
            RateLimiter rateLimiter,
            WebLoginSettings settings,
            WxgateProperties properties,
            WechatAddress address,
            OneTimeValues values,
            Clock clock) {
        URI configured = properties.wechat().authorizeBaseUrl();
        URI configuredQr = properties.wechat().qrConnectBaseUrl();
        // The embedded sandbox serves WeChat's pages beside its API, at the same address.
        Supplier<URI> authorizeBase = address.isSandbox() ? address::baseUrl : () -> configured;
        Supplier<URI> qrConnectBase = address.isSandbox() ? address::baseUrl : () -> configuredQr;
        return new StartWebLogin(apps, store, rateLimiter, settings, authorizeBase, qrConnectBase, values, clock);
    }

    @Bean
    CompleteWebLogin completeWebLogin(
            WechatApps apps,
            WebLoginStore store,
            WebOAuth webOAuth,
            UserRegistry users,
            SessionRepository sessions,
            WebLoginSettings settings,
            OneTimeValues values,
            Clock clock,
            SessionMetrics metrics) {
        return new CompleteWebLogin(apps, store, metrics.timed(webOAuth), users, sessions, settings, values, clock);
    }

    @Bean
    ExchangeWebLogin exchangeWebLogin(
            WebLoginStore store,
            UserRegistry users,
            SessionRepository sessions,
            RateLimiter rateLimiter,
            WebLoginSettings settings,
            SessionPolicy policy,
            SessionTokens tokens,
            Clock clock,
            SessionMetrics metrics) {
        return new ExchangeWebLogin(store, users, sessions, rateLimiter, settings, policy, tokens, clock, metrics);
    }
}
