package dev.wxgate.sandbox;

import static dev.wxgate.sandbox.EngineState.blank;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Engine part: the web login (an official account's 网页授权, a website app's QR login) on api.weixin.qq.com: {@code /sns/oauth2/access_token},
 * {@code /sns/oauth2/refresh_token}, {@code /sns/userinfo} and {@code /sns/auth}, for the codes {@link WebConsent}
 * hands out. Codes are single use and live five minutes, web access_tokens two hours, refresh_tokens thirty days.
 * Users are the apps' users, so a user's unionid is the one the mini-programs of the same Open Platform account give.
 */
final class WebOAuthEndpoints {
    static final Duration WEB_TOKEN_LIFETIME = Duration.ofHours(2);
    static final Duration REFRESH_TOKEN_LIFETIME = Duration.ofDays(30);

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

    /**
     * GET /sns/userinfo?access_token&amp;openid&amp;lang: needs a token of scope snsapi_userinfo or snsapi_login (48001
     * otherwise).
     */
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
        // snsapi_userinfo (official accounts) and snsapi_login (website apps) read the profile; snsapi_base does not.
        if (!"snsapi_userinfo".equals(token.scope()) && !"snsapi_login".equals(token.scope())) {
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
}
