package dev.wxgate.sandbox;

import java.util.List;
import java.util.function.Supplier;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Configuration: the sandbox's settings under {@code wxgate.sandbox}, bound once at startup and handed to the engine
 * as plain {@link AppConfig}s.
 *
 * @param wechatPath path prefix of WeChat's endpoints: "" when standalone (api.weixin.qq.com's own paths), e.g.
 *     "/_sandbox/wechat" when embedded in another application. Starts with "/" and does not end with one.
 * @param apps the emulated apps; when none are configured, three default apps (a mini-program, an official account and
 *     a website app, all of one Open Platform account) with fixed, documented ids and secrets
 * @param controlFrom who may call the control API under /_sandbox/ and its push tool: {@code loopback} (clients on
 *     this host, not through a proxy) or {@code any}; WeChat's endpoints answer everyone either way
 * @param pushTargets URL prefixes the push tool may send to besides a wxgate callback URL on this host
 *     ({@code http://127.0.0.1:PORT/wx/callback/{appId}}), e.g. {@code http://wxgate-1:8080/wx/callback/}
 * @param stableMinuteQuota /cgi-bin/stable_token calls each app may make a clock minute before 45011 (WeChat: 10,000)
 */
@ConfigurationProperties("wxgate.sandbox")
record SandboxProperties(
        @DefaultValue("") String wechatPath,
        List<App> apps,
        @DefaultValue("loopback") ControlAccess.From controlFrom,
        List<String> pushTargets,
        @DefaultValue("10000") int stableMinuteQuota) {

    static final AppConfig DEFAULT_MINI_PROGRAM = new AppConfig(
            "wxa1b2c3d4e5f60001",
            "5a4d0b0c1e2f3a4b5c6d7e8f90a10001",
            AppType.MINI_PROGRAM,
            "sandbox-open-platform",
            AppConfig.DEFAULT_TOKEN_EXPIRES_IN,
            AppConfig.DEFAULT_DAILY_QUOTA,
            AppConfig.DEFAULT_STABLE_DAILY_QUOTA);

    static final AppConfig DEFAULT_OFFICIAL_ACCOUNT = new AppConfig(
            "wxa1b2c3d4e5f60002",
            "5a4d0b0c1e2f3a4b5c6d7e8f90a10002",
            AppType.OFFICIAL_ACCOUNT,
            "sandbox-open-platform",
            AppConfig.DEFAULT_TOKEN_EXPIRES_IN,
            AppConfig.DEFAULT_DAILY_QUOTA,
            AppConfig.DEFAULT_STABLE_DAILY_QUOTA);

    /** A website app of the same Open Platform account, so its users share their unionid with the other two. */
    static final AppConfig DEFAULT_WEBSITE = new AppConfig(
            "wxa1b2c3d4e5f60004",
            "5a4d0b0c1e2f3a4b5c6d7e8f90a10004",
            AppType.WEBSITE,
            "sandbox-open-platform",
            AppConfig.DEFAULT_TOKEN_EXPIRES_IN,
            AppConfig.DEFAULT_DAILY_QUOTA,
            AppConfig.DEFAULT_STABLE_DAILY_QUOTA);

    SandboxProperties {
        wechatPath = wechatPath == null ? "" : wechatPath;
        if (!wechatPath.isEmpty() && !wechatPath.matches("(/[A-Za-z0-9._~-]+)+")) {
            throw new IllegalArgumentException("wxgate.sandbox.wechat-path must be empty or like \"/_sandbox/wechat\""
                    + " (starts with '/', no trailing '/', no wildcards), not \"" + wechatPath + "\"");
        }
        apps = apps == null ? List.of() : List.copyOf(apps);
        controlFrom = controlFrom == null ? ControlAccess.From.LOOPBACK : controlFrom;
        pushTargets = pushTargets == null ? List.of() : List.copyOf(pushTargets);
        if (stableMinuteQuota < 1) {
            throw new IllegalArgumentException("wxgate.sandbox.stable-minute-quota must be positive");
        }
    }

    /**
     * One emulated app.
     *
     * @param appId "wx" followed by 16 lowercase hex digits; generated when absent
     * @param secret 32 lowercase hex digits; generated when absent (read it from GET /_sandbox/apps)
     * @param type mini-program, official-account or website
     * @param unionGroup name of the Open Platform account the app is bound to: apps of one group give a user the same
     *     unionid; without one, jscode2session answers no unionid
     * @param tokenExpiresIn lifetime of access tokens in seconds (WeChat: 7200); small values let tests see tokens
     *     expire
     * @param dailyQuota /cgi-bin/token calls a day before 45009 (WeChat: 2000; test accounts: 200)
     * @param stableDailyQuota /cgi-bin/stable_token calls a day before 45009 (WeChat: 500000)
     * @param oauthDomains the web login's redirect domains (WeChat's 网页授权域名): {@code host} (any port) or
     *     {@code host:port}; none means loopback hosts on any port
     */
    record App(
            String appId,
            String secret,
            @DefaultValue("mini-program") AppType type,
            String unionGroup,
            @DefaultValue("7200") long tokenExpiresIn,
            @DefaultValue("2000") int dailyQuota,
            @DefaultValue("500000") int stableDailyQuota,
            List<String> oauthDomains) {

        AppConfig toConfig(Supplier<String> newAppId, Supplier<String> newSecret) {
            return new AppConfig(
                    appId != null ? appId : newAppId.get(),
                    secret != null ? secret : newSecret.get(),
                    type,
                    unionGroup,
                    tokenExpiresIn,
                    dailyQuota,
                    stableDailyQuota,
                    oauthDomains);
        }

        @Override
        public String toString() {
            return "App[appId=" + appId + ", secret=" + Secrets.mask(secret) + ", type=" + type + "]";
        }
    }

    /** The configured apps as the engine takes them, or the three defaults when none are configured. */
    List<AppConfig> appConfigs(Supplier<String> newAppId, Supplier<String> newSecret) {
        if (apps.isEmpty()) {
            return List.of(DEFAULT_MINI_PROGRAM, DEFAULT_OFFICIAL_ACCOUNT, DEFAULT_WEBSITE);
        }
        return apps.stream().map(a -> a.toConfig(newAppId, newSecret)).toList();
    }
}
