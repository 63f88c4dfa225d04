package dev.wxgate.sandbox;

import static dev.wxgate.sandbox.EngineState.blank;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Engine part: the web login pages on open.weixin.qq.com: an official account's consent page
 * ({@code /connect/oauth2/authorize}) and a website app's QR login page ({@code /connect/qrconnect}, where the user
 * would scan a QR code and confirm on the phone): which requests WeChat would show (its error page codes otherwise:
 * {@code 10005} for a scope or app of the other page, {@code 10003} for a redirect_uri off the app's web login
 * domains), and what the user's decision leads to: a single-use five-minute code for the redirect_uri, or the
 * redirect_uri without one when the user declines.
 */
final class WebConsent {
    private static final int MAX_LISTED_USERS = 20;

    /** Which of WeChat's two pages: each serves one kind of app, with its own scopes. */
    enum Page {
        AUTHORIZE(Endpoint.WEB_AUTHORIZE, AppType.OFFICIAL_ACCOUNT, Set.of("snsapi_base", "snsapi_userinfo")),
        QRCONNECT(Endpoint.WEB_QRCONNECT, AppType.WEBSITE, Set.of("snsapi_login"));

        final Endpoint endpoint;
        final AppType appType;
        final Set<String> scopes;

        Page(Endpoint endpoint, AppType appType, Set<String> scopes) {
            this.endpoint = endpoint;
            this.appType = appType;
            this.scopes = scopes;
        }
    }

    /** A web login request the consent page may show, or the error page WeChat would show instead. */
    sealed interface Authorize {
        /** {@code users}: openids already known in the app's Open Platform account, for the tester to pick. */
        record Valid(AppConfig app, URI redirectUri, String scope, String state, Set<String> users)
                implements Authorize {}

        /** WeChat's error page: "{@code code}: {@code message}". */
        record Refused(int code, String message) implements Authorize {}
    }

    /** What the user decided on the consent page leads to. */
    sealed interface Decision {
        record Redirect(URI location) implements Decision {}

        record Refused(int code, String message) implements Decision {}
    }

    private final CallGate gate;
    private final Secrets secrets;
    private final OffsetClock clock;

    WebConsent(CallGate gate, Secrets secrets, OffsetClock clock) {
        this.gate = gate;
        this.secrets = secrets;
        this.clock = clock;
    }

    /** GET of the page: what it shows. Null while an injected outage is on (no page at all). */
    Authorize authorize(EngineState s, Page kind, String appid, String redirectUri, String scope, String state) {
        AppState app = s.app(appid);
        if (gate.admit(s, kind.endpoint, app) != null) {
            return null;
        }
        return check(s, kind, app, appid, redirectUri, scope, state);
    }

    /**
     * The consent page's answer: with {@code allow}, a code for {@code openid} (the user is created on first mention;
     * a non-blank {@code nickname} becomes what userinfo answers); without, back to the page without a code, as
     * WeChat does when the user declines.
     */
    Decision decide(
            EngineState s,
            Page kind,
            String appid,
            String redirectUri,
            String scope,
            String state,
            String openid,
            boolean allow,
            String nickname) {
        AppState app = s.app(appid);
        if (gate.admit(s, kind.endpoint, app) != null) {
            return new Decision.Refused(-1, "system error");
        }
        Authorize checked = check(s, kind, app, appid, redirectUri, scope, state);
        if (checked instanceof Authorize.Refused refused) {
            return new Decision.Refused(refused.code(), refused.message());
        }
        Authorize.Valid valid = (Authorize.Valid) checked;
        String query = "state=" + valid.state();
        if (allow) {
            EngineState.requireOpenid(openid);
            UserState user = app.user(openid);
            if (nickname != null && !nickname.isBlank()) {
                if (nickname.length() > 64 || nickname.chars().anyMatch(Character::isISOControl)) {
                    throw SandboxInputException.invalid("nickname must be 1 to 64 characters, no control characters");
                }
                user.nickname(nickname.strip());
            }
            String code = secrets.loginCode();
            s.webCodes.put(
                    code,
                    new WebGrant(
                            app.appId(), openid, valid.scope(), clock.instant().plus(SandboxEngine.CODE_LIFETIME)));
            query = "code=" + code + "&" + query;
        }
        String page = valid.redirectUri().toString();
        return new Decision.Redirect(
                URI.create(page + (valid.redirectUri().getRawQuery() == null ? "?" : "&") + query));
    }

    private static Authorize check(
            EngineState s, Page kind, AppState app, String appid, String redirectUri, String scope, String state) {
        if (blank(appid) || app == null) {
            return new Authorize.Refused(10012, "appid参数错误 (appid missing or unknown)");
        }
        if (app.config().type() != kind.appType) {
            return new Authorize.Refused(
                    10005,
                    "此公众号并没有这些scope的权限 (" + app.config().type().wireName() + " apps do not use " + kind.endpoint.path()
                            + ")");
        }
        if (blank(redirectUri)) {
            return new Authorize.Refused(10011, "redirect_uri参数错误 (redirect_uri missing)");
        }
        if (blank(scope)) {
            return new Authorize.Refused(10010, "scope参数错误 (scope missing)");
        }
        if (!kind.scopes.contains(scope)) {
            return new Authorize.Refused(10005, "此公众号并没有这些scope的权限 (scope " + scope + ")");
        }
        if (blank(state)) {
            return new Authorize.Refused(10013, "state参数错误 (state missing)");
        }
        URI page = redirectTarget(app.config(), redirectUri);
        if (page == null) {
            return new Authorize.Refused(10003, "redirect_uri域名与后台配置不一致 (redirect_uri domain not registered)");
        }
        return new Authorize.Valid(app.config(), page, scope, state, knownUsers(s, app));
    }

    /** The page, when it is an http(s) URL on one of the app's web login domains; null otherwise. */
    private static URI redirectTarget(AppConfig app, String redirectUri) {
        URI page;
        try {
            page = new URI(redirectUri);
        } catch (URISyntaxException malformed) {
            return null;
        }
        String scheme = page.getScheme() == null ? "" : page.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https"))
                || page.getHost() == null
                || page.getRawUserInfo() != null
                || page.getRawFragment() != null) {
            return null;
        }
        int port = page.getPort() != -1 ? page.getPort() : scheme.equals("https") ? 443 : 80;
        return app.allowsOAuthRedirect(page.getHost().toLowerCase(Locale.ROOT), port) ? page : null;
    }

    /** Openids known in this app or any app of its Open Platform account, for the page's list. */
    private static Set<String> knownUsers(EngineState s, AppState app) {
        Set<String> users = new TreeSet<>(app.users().keySet());
        String group = app.config().unionGroup();
        if (group != null) {
            s.apps.values().stream()
                    .filter(other -> group.equals(other.config().unionGroup()))
                    .forEach(other -> users.addAll(other.users().keySet()));
        }
        return users.stream().limit(MAX_LISTED_USERS).collect(TreeSet::new, Set::add, Set::addAll);
    }
}
