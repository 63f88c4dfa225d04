package dev.wxgate.application.jssdk;

import dev.wxgate.application.RateLimitedException;
import dev.wxgate.application.token.NotAnOfficialAccountException;
import dev.wxgate.domain.app.AppId;
import dev.wxgate.domain.app.WechatApps;
import dev.wxgate.domain.ratelimit.RateLimiter;
import dev.wxgate.domain.ratelimit.RateLimiter.RateLimit;
import java.time.Duration;
import java.util.Optional;

/**
 * Use case: the {@code wx.config} signature a page asks for itself, without credentials. Limited per client address,
 * and only for pages under the app's JS-safe domains: anyone may call it, so it must sign nothing WeChat itself would
 * not accept, and must not let a stranger spend the account's quota.
 */
public final class SignPageJsSdkConfig {
    /** Sixty a minute per address: a page signs once per load. */
    public static final RateLimit DEFAULT_PER_CLIENT_IP = new RateLimit(60, Duration.ofMinutes(1));

    private final WechatApps apps;
    private final SignJsSdkConfig sign;
    private final JsSdkDomains domains;
    private final RateLimiter rateLimiter;
    private final RateLimit perClientIp;

    public SignPageJsSdkConfig(
            WechatApps apps,
            SignJsSdkConfig sign,
            JsSdkDomains domains,
            RateLimiter rateLimiter,
            RateLimit perClientIp) {
        this.apps = apps;
        this.sign = sign;
        this.domains = domains;
        this.rateLimiter = rateLimiter;
        this.perClientIp = perClientIp;
    }

    /**
     * @param clientAddress where the request comes from, for the rate limit
     */
    public record Command(AppId appId, PageUrl url, String clientAddress) {}

    /**
     * @throws RateLimitedException when this address asks too often
     * @throws PageUrlRejectedException ({@code DOMAIN_NOT_ALLOWED}) when the page is not on a JS-safe domain
     * @throws dev.wxgate.application.UnknownAppException when wxgate does not serve the app
     * @throws dev.wxgate.application.token.NotAnOfficialAccountException when the app is a mini-program
     */
    public JsSdkSignature sign(Command command) {
        Optional<Duration> wait = rateLimiter.tryAcquire("jssdk:ip:" + command.clientAddress(), perClientIp);
        if (wait.isPresent()) {
            throw new RateLimitedException("too many JS-SDK config requests", wait.get());
        }
        NotAnOfficialAccountException.require(apps, command.appId());
        if (!domains.allows(command.appId(), command.url().host())) {
            throw new PageUrlRejectedException(
                    PageUrlRejectedException.Reason.DOMAIN_NOT_ALLOWED,
                    "the page's host is not one of app " + command.appId() + "'s JS-safe domains"
                            + " (wxgate.apps[].jssdk.domains)");
        }
        return sign.sign(command.appId(), command.url());
    }
}
