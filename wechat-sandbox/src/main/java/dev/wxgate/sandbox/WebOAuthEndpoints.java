package dev.wxgate.sandbox;

import static dev.wxgate.sandbox.EngineState.blank;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Engine part: an official account's web login (网页授权) on both of WeChat's hosts: the consent page's checks and
 * decision (open.weixin.qq.com), and {@code /sns/oauth2/access_token}, {@code /sns/oauth2/refresh_token},
 * {@code /sns/userinfo} and {@code /sns/auth} (api.weixin.qq.com). Codes are single use and live five minutes, web
 * access_tokens two hours, refresh_tokens thirty days. Users are the apps' users, so a user's unionid is the one the
 * mini-programs of the same Open Platform account give.
 */
final class WebOAuthEndpoints {
    static final Duration WEB_TOKEN_LIFETIME = Duration.ofHours(2);
    static final Duration REFRESH_TOKEN_LIFETIME = Duration.ofDays(30);
    static final Set<String> SCOPES = Set.of("snsapi_base", "snsapi_userinfo");
    private static final int MAX_LISTED_USERS = 20;

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

    /** {@code /sns/oauth2/access_token}'s and {@code refresh_token}'s answer. */
    record Grant(String accessToken, long expiresIn, String refreshToken, String openid, String scope, String unionid) {
        @Override
        public String toString() {
            return "Grant[" + openid + ", scope=" + scope + ", tokens=****]";
        }
    }

    /** {@code /sns/userinfo}'s answer. */
    record UserInfo(String openid, String nickname, String headimgurl, String unionid) {}

    private final CallGate gate;
    private final Secrets secrets;
    private final OffsetClock clock;

    WebOAuthEndpoints(CallGate gate, Secrets secrets, OffsetClock clock) {
        this.gate = gate;
        this.secrets = secrets;
        this.clock = clock;
    }

    /** GET /connect/oauth2/authorize: what the page shows. Null while an injected outage is on (no page at all). */
    Authorize authorize(EngineState s, String appid, String redirectUri, String scope, String state) {
        AppState app = s.app(appid);
        if (gate.admit(s, Endpoint.WEB_AUTHORIZE, app) != null) {
            return null;
        }
        return check(s, app, appid, redirectUri, scope, state);
    }

    /**
     * The consent page's answer: with {@code allow}, a code for {@code openid} (the user is created on first mention;
     * a non-blank {@code nickname} becomes what userinfo answers); without, back to the page without a code, as
     * WeChat does when the user declines.
     */
    Decision decide(
            EngineState s,
            String appid,
            String redirectUri,
            String scope,
            String state,
            String openid,
            boolean allow,
            String nickname) {
        AppState app = s.app(appid);
        if (gate.admit(s, Endpoint.WEB_AUTHORIZE, app) != null) {
            return new Decision.Refused(-1, "system error");
        }
        Authorize checked = check(s, app, appid, redirectUri, scope, state);
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

    /** GET /sns/oauth2/access_token?appid&amp;secret&amp;code&amp;grant_type=authorization_code */
    Outcome<Grant> accessToken(
            EngineState s, String httpMethod, String appid, String secret, String code, String grantType) {
        AppState app = s.app(appid);
        Outcome<Grant> fault = gate.admit(s, Endpoint.WEB_ACCESS_TOKEN, app);
        if (fault != null) {
            return fault;
        }
        if (!"GET".equals(httpMethod)) {
            return Outcome.failed(ErrorCode.REQUIRE_GET);
        }
        if (blank(appid)) {
            return Outcome.failed(ErrorCode.APPID_MISSING);
        }
        if (blank(secret)) {
            return Outcome.failed(ErrorCode.APPSECRET_MISSING);
        }
        if (!"authorization_code".equals(grantType)) {
            return Outcome.failed(ErrorCode.INVALID_GRANT_TYPE);
        }
        ErrorCode credentials = TokenEndpoints.checkCredentials(app, appid, secret);
        if (credentials != null) {
            return Outcome.failed(credentials);
        }
        if (blank(code)) {
            return Outcome.failed(ErrorCode.CODE_MISSING);
        }
        Instant now = clock.instant();
        WebGrant grant = s.webCodes.get(code);
        if (grant == null || grant.expiredAt(now) || !grant.appId().equals(app.appId())) {
            return Outcome.failed(ErrorCode.INVALID_CODE);
        }
        if (!grant.markUsed()) {
            return Outcome.failed(ErrorCode.CODE_BEEN_USED);
        }
        String refreshToken = secrets.accessToken();
        s.webRefreshTokens.put(
                refreshToken,
                new WebGrant(app.appId(), grant.openid(), grant.scope(), now.plus(REFRESH_TOKEN_LIFETIME)));
        return Outcome.ok(issue(s, app, grant.openid(), grant.scope(), refreshToken, now));
    }

    /** GET /sns/oauth2/refresh_token?appid&amp;grant_type=refresh_token&amp;refresh_token: a new access_token. */
    Outcome<Grant> refresh(EngineState s, String httpMethod, String appid, String grantType, String refreshToken) {
        AppState app = s.app(appid);
        Outcome<Grant> fault = gate.admit(s, Endpoint.WEB_REFRESH_TOKEN, app);
        if (fault != null) {
            return fault;
        }
        if (!"GET".equals(httpMethod)) {
            return Outcome.failed(ErrorCode.REQUIRE_GET);
        }
        if (blank(appid)) {
            return Outcome.failed(ErrorCode.APPID_MISSING);
        }
        if (app == null) {
            return Outcome.failed(ErrorCode.INVALID_APPID);
        }
        if (!"refresh_token".equals(grantType)) {
            return Outcome.failed(ErrorCode.INVALID_GRANT_TYPE);
        }
        if (blank(refreshToken)) {
            return Outcome.failed(ErrorCode.REFRESH_TOKEN_MISSING);
        }
        Instant now = clock.instant();
        WebGrant grant = s.webRefreshTokens.get(refreshToken);
        if (grant == null || !grant.appId().equals(app.appId())) {
            return Outcome.failed(ErrorCode.INVALID_REFRESH_TOKEN);
        }
        if (grant.expiredAt(now)) {
            return Outcome.failed(ErrorCode.REFRESH_TOKEN_EXPIRED);
        }
        return Outcome.ok(issue(s, app, grant.openid(), grant.scope(), refreshToken, now));
    }

    /** GET /sns/userinfo?access_token&amp;openid&amp;lang: needs a token of scope snsapi_userinfo (48001 otherwise). */
    Outcome<UserInfo> userInfo(EngineState s, String httpMethod, String accessToken, String openid) {
        WebGrant token = blank(accessToken) ? null : s.webAccessTokens.get(accessToken);
        Outcome<UserInfo> fault = gate.admit(s, Endpoint.WEB_USER_INFO, token == null ? null : s.app(token.appId()));
        if (fault != null) {
            return fault;
        }
        ErrorCode refused = checkToken(httpMethod, accessToken, token, openid);
        if (refused != null) {
            return Outcome.failed(refused);
        }
        if (!"snsapi_userinfo".equals(token.scope())) {
            return Outcome.failed(ErrorCode.API_UNAUTHORIZED);
        }
        AppState app = s.app(token.appId());
        UserState user = app.user(openid);
        String nickname = Objects.requireNonNullElse(user.nickname(), "Sandbox " + openid);
        return Outcome.ok(new UserInfo(
                openid, nickname, "https://thirdwx.qlogo.cn/mmopen/sandbox/" + openid + "/132", unionid(s, app, user)));
    }

    /** GET /sns/auth?access_token&amp;openid: whether a user's web access_token is valid. */
    Outcome<String> auth(EngineState s, String httpMethod, String accessToken, String openid) {
        WebGrant token = blank(accessToken) ? null : s.webAccessTokens.get(accessToken);
        Outcome<String> fault = gate.admit(s, Endpoint.WEB_AUTH, token == null ? null : s.app(token.appId()));
        if (fault != null) {
            return fault;
        }
        ErrorCode refused = checkToken(httpMethod, accessToken, token, openid);
        return refused != null ? Outcome.failed(refused) : Outcome.ok(openid);
    }

    private ErrorCode checkToken(String httpMethod, String accessToken, WebGrant token, String openid) {
        if (!"GET".equals(httpMethod)) {
            return ErrorCode.REQUIRE_GET;
        }
        if (blank(accessToken)) {
            return ErrorCode.ACCESS_TOKEN_MISSING;
        }
        if (token == null) {
            return ErrorCode.INVALID_CREDENTIAL;
        }
        if (token.expiredAt(clock.instant())) {
            return ErrorCode.ACCESS_TOKEN_EXPIRED;
        }
        if (blank(openid)) {
            return ErrorCode.OPENID_MISSING;
        }
        if (!token.openid().equals(openid)) {
            return ErrorCode.INVALID_OPENID;
        }
        return null;
    }

    private Grant issue(EngineState s, AppState app, String openid, String scope, String refreshToken, Instant now) {
        String accessToken = secrets.accessToken();
        s.webAccessTokens.put(accessToken, new WebGrant(app.appId(), openid, scope, now.plus(WEB_TOKEN_LIFETIME)));
        return new Grant(
                accessToken,
                WEB_TOKEN_LIFETIME.toSeconds(),
                refreshToken,
                openid,
                scope,
                unionid(s, app, app.user(openid)));
    }

    /**
     * The user's unionid: one set through the control API for the same openid in any app of the same Open Platform
     * account (a mini-program login code's {@code unionid}), else the one derived from the group and the openid.
     */
    private static String unionid(EngineState s, AppState app, UserState user) {
        String group = app.config().unionGroup();
        if (group == null) {
            return null;
        }
        for (AppState other : s.apps.values()) {
            UserState known = other.existingUser(user.openid());
            if (group.equals(other.config().unionGroup()) && known != null && known.unionid() != null) {
                return known.unionid();
            }
        }
        return SessionEndpoints.unionidOf(app.config(), user);
    }

    private static Authorize check(
            EngineState s, AppState app, String appid, String redirectUri, String scope, String state) {
        if (blank(appid) || app == null) {
            return new Authorize.Refused(10012, "appid参数错误 (appid missing or unknown)");
        }
        if (app.config().type() != AppType.OFFICIAL_ACCOUNT) {
            return new Authorize.Refused(10005, "此公众号并没有这些scope的权限 (not an official account)");
        }
        if (blank(redirectUri)) {
            return new Authorize.Refused(10011, "redirect_uri参数错误 (redirect_uri missing)");
        }
        if (blank(scope)) {
            return new Authorize.Refused(10010, "scope参数错误 (scope missing)");
        }
        if (!SCOPES.contains(scope)) {
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
