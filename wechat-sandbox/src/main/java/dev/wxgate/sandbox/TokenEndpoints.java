package dev.wxgate.sandbox;

import static dev.wxgate.sandbox.EngineState.blank;

import java.time.Instant;

/**
 * Engine part: the access_token endpoints (classic and stable, with their quotas and force refresh), clear_quota, and
 * the credential and token checks the other endpoints share.
 */
final class TokenEndpoints {
    private static final String CLIENT_CREDENTIAL = "client_credential";

    private final CallGate gate;
    private final Secrets secrets;
    private final OffsetClock clock;
    private final int stableMinuteQuota;

    TokenEndpoints(CallGate gate, Secrets secrets, OffsetClock clock, int stableMinuteQuota) {
        this.gate = gate;
        this.secrets = secrets;
        this.clock = clock;
        if (stableMinuteQuota < 1) {
            throw SandboxInputException.invalid("stableMinuteQuota must be positive");
        }
        this.stableMinuteQuota = stableMinuteQuota;
    }

    /** GET /cgi-bin/token?grant_type=client_credential&amp;appid=&amp;secret= */
    Outcome<AppState.Grant> classicToken(
            EngineState s, String httpMethod, String grantType, String appid, String secret) {
        AppState app = s.app(appid);
        Outcome<AppState.Grant> fault = gate.admit(s, Endpoint.TOKEN, app);
        if (fault != null) {
            return fault;
        }
        // WeChat documents GET; the sandbox refuses other methods so a client cannot rely on leniency it may not get.
        if (!"GET".equals(httpMethod)) {
            return Outcome.failed(ErrorCode.REQUIRE_GET);
        }
        if (!CLIENT_CREDENTIAL.equals(grantType)) {
            return Outcome.failed(ErrorCode.INVALID_GRANT_TYPE);
        }
        ErrorCode credentials = checkCredentials(app, appid, secret);
        if (credentials != null) {
            return Outcome.failed(credentials);
        }
        if (app.config().type() == AppType.WEBSITE) {
            // A website app has no access_token: the token endpoints refuse it as an API it is not granted.
            return Outcome.failed(ErrorCode.API_UNAUTHORIZED);
        }
        return app.issueClassic(secrets.accessToken(), clock.instant(), s.tokens);
    }

    /** POST /cgi-bin/stable_token with a JSON body. */
    Outcome<AppState.Grant> stableToken(EngineState s, String httpMethod, SandboxEngine.StableTokenRequest request) {
        AppState app = s.app(request.appid());
        Outcome<AppState.Grant> fault = gate.admit(s, Endpoint.STABLE_TOKEN, app);
        if (fault != null) {
            return fault;
        }
        if (!"POST".equals(httpMethod)) {
            return Outcome.failed(ErrorCode.REQUIRE_POST);
        }
        if (!request.wellFormed()) {
            return Outcome.failed(ErrorCode.DATA_FORMAT_ERROR);
        }
        // Community reports show a non-JSON body answered "41002 appid missing", so appid comes before grant_type.
        if (blank(request.appid())) {
            return Outcome.failed(ErrorCode.APPID_MISSING);
        }
        if (blank(request.secret())) {
            return Outcome.failed(ErrorCode.APPSECRET_MISSING);
        }
        if (!CLIENT_CREDENTIAL.equals(request.grantType())) {
            return Outcome.failed(ErrorCode.INVALID_GRANT_TYPE);
        }
        ErrorCode credentials = checkCredentials(app, request.appid(), request.secret());
        if (credentials != null) {
            return Outcome.failed(credentials);
        }
        if (app.config().type() == AppType.WEBSITE) {
            // A website app has no access_token: the token endpoints refuse it as an API it is not granted.
            return Outcome.failed(ErrorCode.API_UNAUTHORIZED);
        }
        return app.issueStable(
                request.forceRefresh(), secrets::accessToken, clock.instant(), s.tokens, stableMinuteQuota);
    }

    /**
     * POST /cgi-bin/clear_quota?access_token= with body {"appid"}: resets the app's daily token quotas, 10 times a
     * month (then 48006). The token must be a live one of the app named in the body.
     */
    Outcome<Integer> clearQuota(EngineState s, String httpMethod, String accessToken, String appid) {
        IssuedToken token = s.token(accessToken);
        Outcome<Integer> fault = gate.admit(s, Endpoint.CLEAR_QUOTA, token);
        if (fault != null) {
            return fault;
        }
        if (!"POST".equals(httpMethod)) {
            return Outcome.failed(ErrorCode.REQUIRE_POST);
        }
        if (blank(accessToken)) {
            return Outcome.failed(ErrorCode.ACCESS_TOKEN_MISSING);
        }
        if (token == null) {
            return Outcome.failed(ErrorCode.INVALID_CREDENTIAL);
        }
        Instant now = clock.instant();
        ErrorCode rejection = token.rejectionAt(now);
        if (rejection != null) {
            return Outcome.failed(rejection);
        }
        if (blank(appid)) {
            return Outcome.failed(ErrorCode.APPID_MISSING);
        }
        AppState app = s.appOf(token);
        if (app == null || !app.appId().equals(appid)) {
            // Another app's quota cannot be cleared with this app's token.
            return Outcome.failed(ErrorCode.INVALID_APPID);
        }
        return app.clearQuota(now);
    }

    /** Unknown app → 40013, wrong secret → 40125 (older docs said 40001; WeChat answers 40125 today). */
    static ErrorCode checkCredentials(AppState app, String appid, String secret) {
        if (blank(appid)) {
            return ErrorCode.APPID_MISSING;
        }
        if (blank(secret)) {
            return ErrorCode.APPSECRET_MISSING;
        }
        if (app == null) {
            return ErrorCode.INVALID_APPID;
        }
        if (!Secrets.sameSecret(app.config().secret(), secret)) {
            return ErrorCode.INVALID_APPSECRET;
        }
        return null;
    }

    /**
     * Whether a token cannot be one WeChat issued: WeChat answers 40014 for those, and 40001 for one of the right shape
     * it does not know. Tokens are letters, digits, '_' and '-'; 2048 characters leaves room beyond WeChat's 512.
     */
    static boolean malformed(String accessToken) {
        return accessToken.length() > 2048 || !accessToken.chars().allMatch(TokenEndpoints::tokenChar);
    }

    private static boolean tokenChar(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
    }

    /**
     * 41001 missing, 40014 malformed, 40001 unknown or replaced, 42001 expired; only mini-programs may use the wxa
     * endpoints.
     */
    static ErrorCode checkToken(EngineState s, String accessToken, IssuedToken token, Instant now) {
        if (blank(accessToken)) {
            return ErrorCode.ACCESS_TOKEN_MISSING;
        }
        if (token == null) {
            return malformed(accessToken) ? ErrorCode.INVALID_ACCESS_TOKEN : ErrorCode.INVALID_CREDENTIAL;
        }
        ErrorCode rejection = token.rejectionAt(now);
        if (rejection != null) {
            return rejection;
        }
        AppState app = s.appOf(token);
        if (app == null) {
            return ErrorCode.INVALID_CREDENTIAL;
        }
        // Community reports: getuserphonenumber with an official account's token answers "40013 invalid appid".
        if (app.config().type() != AppType.MINI_PROGRAM) {
            return ErrorCode.INVALID_APPID;
        }
        return null;
    }
}
