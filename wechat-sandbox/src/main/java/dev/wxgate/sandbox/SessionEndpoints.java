package dev.wxgate.sandbox;

import static dev.wxgate.sandbox.EngineState.blank;

import java.time.Instant;
import java.util.Base64;

/**
 * Engine part: login codes and session keys: jscode2session (with its per-user rate limit), checksession and
 * resetusersessionkey.
 */
final class SessionEndpoints {
    private static final String AUTHORIZATION_CODE = "authorization_code";
    private static final String HMAC_SHA256 = "hmac_sha256";

    private final CallGate gate;
    private final Secrets secrets;
    private final OffsetClock clock;

    SessionEndpoints(CallGate gate, Secrets secrets, OffsetClock clock) {
        this.gate = gate;
        this.secrets = secrets;
        this.clock = clock;
    }

    /** GET /sns/jscode2session?appid=&amp;secret=&amp;js_code=&amp;grant_type=authorization_code; needs no token. */
    Outcome<SandboxEngine.Login> codeToSession(
            EngineState s, String httpMethod, String appid, String secret, String jsCode, String grantType) {
        AppState app = s.app(appid);
        Outcome<SandboxEngine.Login> fault = gate.admit(s, Endpoint.CODE_TO_SESSION, app);
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
        // Documented as required; the sandbox insists, so a client that forgets it fails here first.
        if (!AUTHORIZATION_CODE.equals(grantType)) {
            return Outcome.failed(ErrorCode.INVALID_GRANT_TYPE);
        }
        ErrorCode credentials = TokenEndpoints.checkCredentials(app, appid, secret);
        if (credentials != null) {
            return Outcome.failed(credentials);
        }
        if (blank(jsCode)) {
            return Outcome.failed(ErrorCode.CODE_MISSING);
        }
        Instant now = clock.instant();
        OneTimeCode code = s.loginCodes.get(jsCode);
        // A code of another app is as unknown to this app as a made-up one.
        if (code == null || code.expiredAt(now) || !code.appId().equals(app.appId())) {
            return Outcome.failed(ErrorCode.INVALID_CODE);
        }
        UserState user = app.user(code.openid());
        synchronized (user) {
            if (!user.admitLogin(now, SandboxEngine.LOGIN_RATE_WINDOW, SandboxEngine.LOGINS_PER_USER_PER_WINDOW)) {
                return Outcome.failed(ErrorCode.MINUTE_QUOTA);
            }
            if (code.isUsed()) {
                return Outcome.failed(ErrorCode.CODE_BEEN_USED);
            }
            if (user.blocked()) {
                return Outcome.failed(ErrorCode.HIGH_RISK_USER);
            }
            if (!code.markUsed()) {
                return Outcome.failed(ErrorCode.CODE_BEEN_USED);
            }
            String sessionKey = secrets.sessionKey();
            user.newSession(sessionKey, now.plus(SandboxEngine.SESSION_KEY_LIFETIME));
            return Outcome.ok(new SandboxEngine.Login(user.openid(), sessionKey, unionidOf(app.config(), user)));
        }
    }

    /** GET /wxa/checksession?access_token=&amp;openid=&amp;signature=&amp;sig_method=hmac_sha256 */
    Outcome<String> checkSession(
            EngineState s, String httpMethod, String accessToken, String openid, String signature, String sigMethod) {
        IssuedToken token = s.token(accessToken);
        Outcome<String> fault = gate.admit(s, Endpoint.CHECK_SESSION, token);
        if (fault != null) {
            return fault;
        }
        if (!"GET".equals(httpMethod)) {
            return Outcome.failed(ErrorCode.REQUIRE_GET);
        }
        Instant now = clock.instant();
        ErrorCode refused = checkSessionCall(s, accessToken, token, openid, signature, sigMethod, now);
        if (refused != null) {
            return Outcome.failed(refused);
        }
        return Outcome.ok(openid);
    }

    /** GET /wxa/resetusersessionkey, same parameters as checksession: a new key with the old expiry. */
    Outcome<SandboxEngine.RenewedKey> resetSessionKey(
            EngineState s, String httpMethod, String accessToken, String openid, String signature, String sigMethod) {
        IssuedToken token = s.token(accessToken);
        Outcome<SandboxEngine.RenewedKey> fault = gate.admit(s, Endpoint.RESET_SESSION_KEY, token);
        if (fault != null) {
            return fault;
        }
        if (!"GET".equals(httpMethod)) {
            return Outcome.failed(ErrorCode.REQUIRE_GET);
        }
        Instant now = clock.instant();
        AppState app = s.appOf(token);
        UserState user = app == null || blank(openid) ? null : app.existingUser(openid);
        if (user == null) {
            ErrorCode refused = checkSessionCall(s, accessToken, token, openid, signature, sigMethod, now);
            // Null only if the user appeared meanwhile: a user who never logged in has no key to sign with.
            return Outcome.failed(refused != null ? refused : ErrorCode.INVALID_SIGNATURE);
        }
        // Check and swap under the user's monitor, so two resets with the same signature cannot both succeed.
        synchronized (user) {
            ErrorCode refused = checkSessionCall(s, accessToken, token, openid, signature, sigMethod, now);
            if (refused != null) {
                return Outcome.failed(refused);
            }
            String renewed = secrets.sessionKey();
            user.replaceSessionKey(renewed);
            return Outcome.ok(new SandboxEngine.RenewedKey(openid, renewed));
        }
    }

    /** The checks checksession and resetusersessionkey share, in order; null when the signature is right. */
    private static ErrorCode checkSessionCall(
            EngineState s,
            String accessToken,
            IssuedToken token,
            String openid,
            String signature,
            String sigMethod,
            Instant now) {
        ErrorCode tokenRefused = TokenEndpoints.checkToken(s, accessToken, token, now);
        if (tokenRefused != null) {
            return tokenRefused;
        }
        if (blank(openid)) {
            return ErrorCode.OPENID_MISSING;
        }
        if (!HMAC_SHA256.equals(sigMethod)) {
            return ErrorCode.INVALID_SIG_METHOD;
        }
        if (blank(signature)) {
            return ErrorCode.INVALID_SIGNATURE;
        }
        AppState app = s.appOf(token);
        UserState user = app.existingUser(openid);
        if (user == null) {
            // The openid is a user of another app only: the caller used that other app's wrong token.
            boolean elsewhere = s.apps.values().stream().anyMatch(a -> a != app && a.existingUser(openid) != null);
            return elsewhere ? ErrorCode.INVALID_CREDENTIAL : ErrorCode.INVALID_OPENID;
        }
        String key = user.sessionKeyAt(now);
        if (key == null || !Secrets.signatureMatches(key, signature)) {
            return ErrorCode.INVALID_SIGNATURE;
        }
        return null;
    }

    /**
     * An app bound to an Open Platform account gives the user's unionid: the one set through the control API, else one
     * derived from the group and the openid, so apps of one group agree on a user named the same in both.
     */
    static String unionidOf(AppConfig app, UserState user) {
        if (app.unionGroup() == null) {
            return null;
        }
        String explicit = user.unionid();
        if (explicit != null) {
            return explicit;
        }
        byte[] digest = Secrets.sha256("unionid:" + app.unionGroup() + ":" + user.openid());
        return "o"
                + Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, 27);
    }
}
