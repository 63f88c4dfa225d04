package dev.wxgate.application.oauth;

import dev.wxgate.application.RateLimitedException;
import dev.wxgate.application.UnknownAppException;
import dev.wxgate.application.oauth.WebLoginException.Reason;
import dev.wxgate.domain.app.AppId;
import dev.wxgate.domain.app.AppType;
import dev.wxgate.domain.app.WechatApp;
import dev.wxgate.domain.app.WechatApps;
import dev.wxgate.domain.oauth.AllowedOrigins;
import dev.wxgate.domain.oauth.PendingLogin;
import dev.wxgate.domain.oauth.WebLoginStore;
import dev.wxgate.domain.oauth.WebScope;
import dev.wxgate.domain.ratelimit.RateLimiter;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Use case: a page sends the browser to log in with an official account. The page's URL must be under the app's
 * allowed origins; a random single-use {@code state} is remembered with the hash of a browser binder (kept in the
 * browser's cookie), and the browser is sent to WeChat's authorize page, which comes back to wxgate's callback.
 */
public final class StartWebLogin {
    private final WechatApps apps;
    private final WebLoginStore store;
    private final RateLimiter rateLimiter;
    private final WebLoginSettings settings;
    private final Supplier<URI> authorizeBaseUrl;
    private final OneTimeValues values;
    private final Clock clock;

    /**
     * @param authorizeBaseUrl where WeChat's {@code open.weixin.qq.com} is (asked on every login: the embedded sandbox
     *     standing in for it is known only once the server listens)
     */
    public StartWebLogin(
            WechatApps apps,
            WebLoginStore store,
            RateLimiter rateLimiter,
            WebLoginSettings settings,
            Supplier<URI> authorizeBaseUrl,
            OneTimeValues values,
            Clock clock) {
        this.apps = apps;
        this.store = store;
        this.rateLimiter = rateLimiter;
        this.settings = settings;
        this.authorizeBaseUrl = authorizeBaseUrl;
        this.values = values;
        this.clock = clock;
    }

    /**
     * @param appId the official account
     * @param scope {@code snsapi_base} or {@code snsapi_userinfo}, as the page asked
     * @param redirectUri the page to come back to, as the page gave it
     * @param callbackUrl wxgate's own callback for this app, absolute, as WeChat must call it
     * @param binder the binder the browser already holds (its cookie), reused so parallel logins in one browser work
     * @param clientAddress where the request comes from, for the per-client rate limit
     */
    public record Command(
            AppId appId,
            String scope,
            String redirectUri,
            URI callbackUrl,
            Optional<String> binder,
            String clientAddress) {}

    /** Where to send the browser, and the binder its cookie must hold. */
    public record Authorization(URI wechatUrl, String binder) {
        @Override
        public String toString() {
            return "Authorization[****]";
        }
    }

    /**
     * @throws UnknownAppException when the app is not configured
     * @throws WebLoginException when the app, scope or redirect_uri is not acceptable
     * @throws RateLimitedException when this client starts logins too often
     */
    public Authorization start(Command command) {
        WechatApp app = apps.find(command.appId()).orElseThrow(() -> new UnknownAppException(command.appId()));
        if (app.type() != AppType.OFFICIAL_ACCOUNT) {
            throw new WebLoginException(
                    Reason.NOT_AN_OFFICIAL_ACCOUNT, "app " + app.appId() + " is not an official account");
        }
        WebScope scope = WebScope.fromWireName(command.scope())
                .orElseThrow(() -> new WebLoginException(
                        Reason.UNSUPPORTED_SCOPE, "scope must be snsapi_base or snsapi_userinfo"));
        AllowedOrigins origins = settings.originsOf(app.appId());
        if (!origins.any()) {
            throw new WebLoginException(
                    Reason.WEB_LOGIN_OFF,
                    "app " + app.appId() + " has no allowed origins (wxgate.apps[N].web.allowed-origins)");
        }
        URI page = origins.admit(command.redirectUri())
                .orElseThrow(() -> new WebLoginException(
                        Reason.REDIRECT_NOT_ALLOWED,
                        "redirect_uri must be an absolute http(s) URL, without user info or fragment, under one of"
                                + " the app's allowed origins"));
        rateLimiter
                .tryAcquire("weblogin:start:ip:" + command.clientAddress(), settings.perClientIp())
                .ifPresent(wait -> {
                    throw new RateLimitedException("too many web logins", wait);
                });

        String binder = command.binder().filter(OneTimeValues::wellFormed).orElseGet(values::mint);
        String state = values.mint();
        PendingLogin pending = new PendingLogin(
                app.appId(),
                scope,
                page,
                OneTimeValues.hash(binder),
                clock.instant().plus(settings.stateLifetime()));
        store.putPending(
                OneTimeValues.hash(state), pending, settings.stateLifetime().plus(WebLoginSettings.RETENTION));
        return new Authorization(wechatUrl(app.appId(), scope, command.callbackUrl(), state), binder);
    }

    /** WeChat's authorize URL, its parameters in the order WeChat's documentation gives (it is strict about it). */
    private URI wechatUrl(AppId appId, WebScope scope, URI callbackUrl, String state) {
        String base = authorizeBaseUrl.get().toString();
        if (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return URI.create(base + "/connect/oauth2/authorize?appid=" + appId.value() + "&redirect_uri="
                + URLEncoder.encode(callbackUrl.toString(), StandardCharsets.UTF_8) + "&response_type=code&scope="
                + scope.wireName() + "&state=" + state + "#wechat_redirect");
    }
}
