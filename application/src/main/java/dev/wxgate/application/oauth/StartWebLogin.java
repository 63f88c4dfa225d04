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
 * Use case: a page sends the browser to log in with an official account (WeChat's authorize page) or a website app
 * (WeChat's QR login page, {@code snsapi_login}). The page's URL must be under the app's allowed origins; a random
 * single-use {@code state} is remembered with the hash of a browser binder (kept in the browser's cookie), and the
 * browser is sent to WeChat, which comes back to wxgate's callback.
 */
public final class StartWebLogin {
    private final WechatApps apps;
    private final WebLoginStore store;
    private final RateLimiter rateLimiter;
    private final WebLoginSettings settings;
    private final Supplier<URI> authorizeBaseUrl;
    private final Supplier<URI> qrConnectBaseUrl;
    private final OneTimeValues values;
    private final Clock clock;

    /**
     * @param authorizeBaseUrl where WeChat's {@code open.weixin.qq.com} is for official accounts'
     *     {@code /connect/oauth2/authorize} (asked on every login: the embedded sandbox standing in for it is known only
     *     once the server listens)
     * @param qrConnectBaseUrl the same for website apps' {@code /connect/qrconnect}
     */
    public StartWebLogin(
            WechatApps apps,
            WebLoginStore store,
            RateLimiter rateLimiter,
            WebLoginSettings settings,
            Supplier<URI> authorizeBaseUrl,
            Supplier<URI> qrConnectBaseUrl,
            OneTimeValues values,
            Clock clock) {
        this.apps = apps;
        this.store = store;
        this.rateLimiter = rateLimiter;
        this.settings = settings;
        this.authorizeBaseUrl = authorizeBaseUrl;
        this.qrConnectBaseUrl = qrConnectBaseUrl;
        this.values = values;
        this.clock = clock;
    }

    /**
     * @param appId the official account or website app
     * @param scope {@code snsapi_base} or {@code snsapi_userinfo} (official accounts), {@code snsapi_login} (website
     *     apps), as the page asked; null for the app's default ({@code snsapi_base}, {@code snsapi_login})
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
        WebScope scope = scope(app, command.scope());
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

    /** The scope asked for, if the app's kind may have it: website apps log in with snsapi_login only. */
    private static WebScope scope(WechatApp app, String asked) {
        if (app.type() != AppType.OFFICIAL_ACCOUNT && app.type() != AppType.WEBSITE) {
            throw new WebLoginException(
                    Reason.NOT_A_WEB_LOGIN_APP,
                    "app " + app.appId() + " is a " + app.type().displayName()
                            + "; web login is for official accounts and website apps");
        }
        boolean website = app.type() == AppType.WEBSITE;
        if (asked == null || asked.isEmpty()) {
            return website ? WebScope.SNSAPI_LOGIN : WebScope.SNSAPI_BASE;
        }
        WebScope scope = WebScope.fromWireName(asked)
                .orElseThrow(() -> new WebLoginException(
                        Reason.UNSUPPORTED_SCOPE, "scope must be snsapi_base, snsapi_userinfo or snsapi_login"));
        if (scope.appType() != app.type()) {
            throw new WebLoginException(
                    Reason.SCOPE_NOT_FOR_APP_TYPE,
                    website
                            ? "app " + app.appId() + " is a website app: its only scope is snsapi_login"
                            : "app " + app.appId() + " is an official account: scope must be snsapi_base or"
                                    + " snsapi_userinfo (snsapi_login is a website app's)");
        }
        return scope;
    }

    /**
     * WeChat's authorize URL (official accounts) or QR login URL (website apps), its parameters in the order WeChat's
     * documentation gives (it is strict about it).
     */
    private URI wechatUrl(AppId appId, WebScope scope, URI callbackUrl, String state) {
        boolean qr = scope == WebScope.SNSAPI_LOGIN;
        String base = (qr ? qrConnectBaseUrl : authorizeBaseUrl).get().toString();
        if (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return URI.create(base + (qr ? "/connect/qrconnect" : "/connect/oauth2/authorize") + "?appid=" + appId.value()
                + "&redirect_uri=" + URLEncoder.encode(callbackUrl.toString(), StandardCharsets.UTF_8)
                + "&response_type=code&scope=" + scope.wireName() + "&state=" + state + "#wechat_redirect");
    }
}
