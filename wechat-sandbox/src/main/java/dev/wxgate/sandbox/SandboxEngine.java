package dev.wxgate.sandbox;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Engine: the emulated WeChat server, plain Java: apps, tokens, codes, users, quotas, call counts and faults, with
 * WeChat's rules and error codes. Safe for concurrent callers; the HTTP layer only translates.
 */
final class SandboxEngine {
    private static final Logger log = LoggerFactory.getLogger(SandboxEngine.class);

    /**
     * Login and phone codes: single use, five minutes (community-reported for login codes, documented for phone
     * codes).
     */
    static final Duration CODE_LIFETIME = Duration.ofMinutes(5);
    /** WeChat documents no session_key lifetime; three days is the sandbox's choice. */
    static final Duration SESSION_KEY_LIFETIME = Duration.ofDays(3);

    static final Duration LOGIN_RATE_WINDOW = Duration.ofMinutes(1);
    static final int LOGINS_PER_USER_PER_WINDOW = 100;
    static final Duration MAX_CLOCK_ADVANCE = Duration.ofDays(3650);

    private static final Pattern OPENID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Pattern UNIONID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final String CLIENT_CREDENTIAL = "client_credential";
    private static final String AUTHORIZATION_CODE = "authorization_code";
    private static final String HMAC_SHA256 = "hmac_sha256";
    /** Expired codes are swept every this many new codes, so memory follows the live codes only. */
    private static final int SWEEP_EVERY = 1024;

    /** Pauses a call; a seam so tests of injected latency need not sleep. */
    @FunctionalInterface
    interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    /** jscode2session's answer. */
    record Login(String openid, String sessionKey, String unionid) {
        @Override
        public String toString() {
            return "Login[" + openid + ", sessionKey=" + Secrets.mask(sessionKey) + ", unionid=" + unionid + "]";
        }
    }

    /** resetusersessionkey's answer. */
    record RenewedKey(String openid, String sessionKey) {
        @Override
        public String toString() {
            return "RenewedKey[" + openid + ", sessionKey=" + Secrets.mask(sessionKey) + "]";
        }
    }

    /** getuserphonenumber's answer. */
    record PhoneInfo(PhoneNumber phone, long timestamp, String appid) {}

    /** stable_token's body as read by the HTTP layer; {@code wellFormed} is false when a field has the wrong type. */
    record StableTokenRequest(String grantType, String appid, String secret, boolean forceRefresh, boolean wellFormed) {
        @Override
        public String toString() {
            return "StableTokenRequest[" + appid + ", forceRefresh=" + forceRefresh + "]";
        }
    }

    /** getuserphonenumber's body as read by the HTTP layer. */
    record PhoneCodeRequest(String code, String openid) {
        @Override
        public String toString() {
            return "PhoneCodeRequest[" + Secrets.mask(code) + ", openid=" + openid + "]";
        }
    }

    /** An app as the control API shows it, with its use today. */
    record AppView(AppConfig config, int classicCallsToday, int stableCallsToday, int forceRefreshesToday) {}

    /**
     * Everything that {@link #reset()} discards, swapped in one write so a reset is atomic: calls in flight finish
     * against the old state, which is then garbage.
     */
    private static final class State {
        final ConcurrentHashMap<String, AppState> apps = new ConcurrentHashMap<>();
        final ConcurrentHashMap<String, IssuedToken> tokens = new ConcurrentHashMap<>();
        final ConcurrentHashMap<String, OneTimeCode> loginCodes = new ConcurrentHashMap<>();
        final ConcurrentHashMap<String, OneTimeCode> phoneCodes = new ConcurrentHashMap<>();
        final CallStats stats = new CallStats();
        final AtomicReferenceArray<Fault> faults = new AtomicReferenceArray<>(Endpoint.values().length);
        final AtomicLong codesIssued = new AtomicLong();

        State(List<AppConfig> configured) {
            configured.forEach(c -> apps.put(c.appId(), new AppState(c)));
        }

        AppState app(String appId) {
            return appId == null ? null : apps.get(appId);
        }
    }

    private final List<AppConfig> configuredApps;
    private final OffsetClock clock;
    private final Secrets secrets;
    private final DoubleSupplier faultDice;
    private final Sleeper sleeper;
    private volatile State state;

    SandboxEngine(List<AppConfig> configuredApps, Clock clock) {
        this(
                configuredApps,
                clock,
                new SecureRandom(),
                () -> ThreadLocalRandom.current().nextDouble(),
                duration -> Thread.sleep(duration));
    }

    SandboxEngine(
            List<AppConfig> configuredApps,
            Clock clock,
            SecureRandom random,
            DoubleSupplier faultDice,
            Sleeper sleeper) {
        Map<String, AppConfig> byId = new LinkedHashMap<>();
        for (AppConfig app : configuredApps) {
            if (byId.putIfAbsent(app.appId(), app) != null) {
                throw new IllegalArgumentException("app " + app.appId() + " is configured twice");
            }
        }
        this.configuredApps = List.copyOf(byId.values());
        this.clock = new OffsetClock(clock);
        this.secrets = new Secrets(random);
        this.faultDice = faultDice;
        this.sleeper = sleeper;
        this.state = new State(this.configuredApps);
        log.info("WeChat sandbox serves {} apps: {}", byId.size(), byId.keySet());
    }

    // ---------------------------------------------------------------- WeChat's endpoints

    /** GET /cgi-bin/token?grant_type=client_credential&amp;appid=&amp;secret= */
    Outcome<AppState.Grant> classicToken(String httpMethod, String grantType, String appid, String secret) {
        State s = state;
        AppState app = s.app(appid);
        Outcome<AppState.Grant> fault = admit(s, Endpoint.TOKEN, app);
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
        return app.issueClassic(secrets.accessToken(), now(), s.tokens);
    }

    /** POST /cgi-bin/stable_token with a JSON body. */
    Outcome<AppState.Grant> stableToken(String httpMethod, StableTokenRequest request) {
        State s = state;
        AppState app = s.app(request.appid());
        Outcome<AppState.Grant> fault = admit(s, Endpoint.STABLE_TOKEN, app);
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
        return app.issueStable(request.forceRefresh(), secrets::accessToken, now(), s.tokens);
    }

    /** GET /sns/jscode2session?appid=&amp;secret=&amp;js_code=&amp;grant_type=authorization_code; needs no token. */
    Outcome<Login> codeToSession(String httpMethod, String appid, String secret, String jsCode, String grantType) {
        State s = state;
        AppState app = s.app(appid);
        Outcome<Login> fault = admit(s, Endpoint.CODE_TO_SESSION, app);
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
        ErrorCode credentials = checkCredentials(app, appid, secret);
        if (credentials != null) {
            return Outcome.failed(credentials);
        }
        if (blank(jsCode)) {
            return Outcome.failed(ErrorCode.CODE_MISSING);
        }
        Instant now = now();
        OneTimeCode code = s.loginCodes.get(jsCode);
        // A code of another app is as unknown to this app as a made-up one.
        if (code == null || code.expiredAt(now) || !code.appId().equals(app.appId())) {
            return Outcome.failed(ErrorCode.INVALID_CODE);
        }
        UserState user = app.user(code.openid());
        synchronized (user) {
            if (!user.admitLogin(now, LOGIN_RATE_WINDOW, LOGINS_PER_USER_PER_WINDOW)) {
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
            user.newSession(sessionKey, now.plus(SESSION_KEY_LIFETIME));
            return Outcome.ok(new Login(user.openid(), sessionKey, unionidOf(app.config(), user)));
        }
    }

    /** GET /wxa/checksession?access_token=&amp;openid=&amp;signature=&amp;sig_method=hmac_sha256 */
    Outcome<String> checkSession(
            String httpMethod, String accessToken, String openid, String signature, String sigMethod) {
        State s = state;
        IssuedToken token = lookUp(s, accessToken);
        Outcome<String> fault = admit(s, Endpoint.CHECK_SESSION, token);
        if (fault != null) {
            return fault;
        }
        if (!"GET".equals(httpMethod)) {
            return Outcome.failed(ErrorCode.REQUIRE_GET);
        }
        Instant now = now();
        ErrorCode refused = checkSessionCall(s, accessToken, token, openid, signature, sigMethod, now);
        if (refused != null) {
            return Outcome.failed(refused);
        }
        return Outcome.ok(openid);
    }

    /** GET /wxa/resetusersessionkey, same parameters as checksession: a new key with the old expiry. */
    Outcome<RenewedKey> resetSessionKey(
            String httpMethod, String accessToken, String openid, String signature, String sigMethod) {
        State s = state;
        IssuedToken token = lookUp(s, accessToken);
        Outcome<RenewedKey> fault = admit(s, Endpoint.RESET_SESSION_KEY, token);
        if (fault != null) {
            return fault;
        }
        if (!"GET".equals(httpMethod)) {
            return Outcome.failed(ErrorCode.REQUIRE_GET);
        }
        Instant now = now();
        AppState app = tokenApp(s, token);
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
            return Outcome.ok(new RenewedKey(openid, renewed));
        }
    }

    /** POST /wxa/business/getuserphonenumber?access_token= with body {"code"} (optionally "openid"). */
    Outcome<PhoneInfo> phoneNumber(String httpMethod, String accessToken, PhoneCodeRequest request) {
        State s = state;
        IssuedToken token = lookUp(s, accessToken);
        Outcome<PhoneInfo> fault = admit(s, Endpoint.PHONE_NUMBER, token);
        if (fault != null) {
            return fault;
        }
        if (!"POST".equals(httpMethod)) {
            return Outcome.failed(ErrorCode.REQUIRE_POST);
        }
        Instant now = now();
        ErrorCode tokenRefused = checkToken(s, accessToken, token, now);
        if (tokenRefused != null) {
            return Outcome.failed(tokenRefused);
        }
        AppState app = tokenApp(s, token);
        if (request == null) {
            return Outcome.failed(ErrorCode.DATA_FORMAT_ERROR);
        }
        if (blank(request.code())) {
            return Outcome.failed(ErrorCode.INVALID_CODE);
        }
        OneTimeCode code = s.phoneCodes.get(request.code());
        if (code == null || code.expiredAt(now)) {
            return Outcome.failed(ErrorCode.INVALID_CODE);
        }
        // The code names its app: a token of any other app is "not the right credential".
        if (!code.appId().equals(app.appId())) {
            return Outcome.failed(ErrorCode.INVALID_CREDENTIAL);
        }
        // WeChat documents that a given openid is checked against the code's user.
        if (request.openid() != null && !request.openid().equals(code.openid())) {
            return Outcome.failed(ErrorCode.INVALID_CODE);
        }
        if (code.isUsed()) {
            return Outcome.failed(ErrorCode.CODE_BEEN_USED);
        }
        if (app.user(code.openid()).blocked()) {
            return Outcome.failed(ErrorCode.HIGH_RISK_USER);
        }
        if (!code.markUsed()) {
            return Outcome.failed(ErrorCode.CODE_BEEN_USED);
        }
        return Outcome.ok(new PhoneInfo(code.phone(), now.getEpochSecond(), app.appId()));
    }

    /**
     * WeChat's request id, "xxxxxxxx-xxxxxxxx-xxxxxxxx": real ones start with the hex of the epoch second, the rest
     * looks random.
     */
    String requestId() {
        return "%08x-%08x-%08x"
                .formatted(
                        now().getEpochSecond() & 0xffffffffL,
                        ThreadLocalRandom.current().nextInt(),
                        ThreadLocalRandom.current().nextInt());
    }

    // ---------------------------------------------------------------- control

    /** The apps configured at start (what a reset returns to). */
    List<AppConfig> configuredApps() {
        return configuredApps;
    }

    List<AppView> apps() {
        Instant now = now();
        List<AppView> views = new ArrayList<>();
        state.apps.values().stream()
                .sorted((a, b) -> a.appId().compareTo(b.appId()))
                .forEach(app -> views.add(view(app, now)));
        return views;
    }

    AppView app(String appId) {
        return view(requireApp(state, appId), now());
    }

    /** Adds an app at run time; a missing id or secret is generated. Reset drops it again. */
    AppConfig addApp(
            String appId,
            String secret,
            AppType type,
            String unionGroup,
            Long tokenExpiresIn,
            Integer dailyQuota,
            Integer stableDailyQuota) {
        State s = state;
        AppConfig config;
        AppState added;
        do {
            config = new AppConfig(
                    appId != null ? appId : secrets.appId(),
                    secret != null ? secret : secrets.appSecret(),
                    type != null ? type : AppType.MINI_PROGRAM,
                    unionGroup,
                    tokenExpiresIn != null ? tokenExpiresIn : AppConfig.DEFAULT_TOKEN_EXPIRES_IN,
                    dailyQuota != null ? dailyQuota : AppConfig.DEFAULT_DAILY_QUOTA,
                    stableDailyQuota != null ? stableDailyQuota : AppConfig.DEFAULT_STABLE_DAILY_QUOTA);
            added = new AppState(config);
            AppState existing = s.apps.putIfAbsent(config.appId(), added);
            if (existing == null) {
                break;
            }
            if (appId != null) {
                throw new SandboxInputException(
                        SandboxInputException.Kind.CONFLICT, "app " + appId + " exists already");
            }
        } while (true); // a generated id collided: 2^-64, but cheap to handle
        log.info("added app {}", config);
        return config;
    }

    /** Changes an app's limits; tokens already issued keep their expiry, quotas apply from the next call. */
    AppConfig changeApp(String appId, Long tokenExpiresIn, Integer dailyQuota, Integer stableDailyQuota) {
        AppState app = requireApp(state, appId);
        AppConfig changed = app.reconfigure(c -> {
            AppConfig next = c;
            if (tokenExpiresIn != null) {
                next = next.withTokenExpiresIn(tokenExpiresIn);
            }
            if (dailyQuota != null) {
                next = next.withDailyQuota(dailyQuota);
            }
            if (stableDailyQuota != null) {
                next = next.withStableDailyQuota(stableDailyQuota);
            }
            return next;
        });
        log.info("changed app {}", changed);
        return changed;
    }

    /** A wx.login code for the user (created on first mention); jscode2session then answers this openid. */
    String createLoginCode(String appId, String openid, String unionid) {
        State s = state;
        AppState app = requireMiniProgram(s, appId);
        requireOpenid(openid);
        if (unionid != null) {
            if (!UNIONID.matcher(unionid).matches()) {
                throw SandboxInputException.invalid("unionid must be 1 to 64 letters, digits, '_' or '-'");
            }
            if (app.config().unionGroup() == null) {
                throw SandboxInputException.invalid("app " + appId
                        + " is bound to no Open Platform account (no unionGroup), so WeChat gives it no unionid");
            }
        }
        UserState user = app.user(openid);
        if (unionid != null) {
            user.unionid(unionid);
        }
        return issueCode(s, s.loginCodes, secrets::loginCode, app, openid, null);
    }

    /** A getPhoneNumber code for the user; the number defaults to one derived from the openid. */
    String createPhoneCode(String appId, String openid, PhoneNumber phone) {
        State s = state;
        AppState app = requireMiniProgram(s, appId);
        requireOpenid(openid);
        app.user(openid);
        PhoneNumber number = phone != null ? phone : PhoneNumber.derivedFor(openid);
        return issueCode(s, s.phoneCodes, secrets::phoneCode, app, openid, number);
    }

    /**
     * {@code encryptedData} as WeChat hands it to the mini-program (wx.getUserInfo, share info, ...): the JSON,
     * already watermarked, AES-128-CBC under the user's live session_key with a fresh iv, PKCS#7 padded.
     */
    EncryptedData encryptForUser(String appId, String openid, String watermarkedJson) {
        AppState app = requireMiniProgram(state, appId);
        requireOpenid(openid);
        UserState user = app.existingUser(openid);
        String key = user == null ? null : user.sessionKeyAt(now());
        if (key == null) {
            throw new SandboxInputException(
                    SandboxInputException.Kind.CONFLICT,
                    "user " + openid + " has no live session_key: exchange a login code first");
        }
        byte[] iv = secrets.iv();
        try {
            javax.crypto.Cipher aes = javax.crypto.Cipher.getInstance("AES/CBC/PKCS5Padding");
            aes.init(
                    javax.crypto.Cipher.ENCRYPT_MODE,
                    new javax.crypto.spec.SecretKeySpec(Base64.getDecoder().decode(key), "AES"),
                    new javax.crypto.spec.IvParameterSpec(iv));
            byte[] sealed = aes.doFinal(watermarkedJson.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return new EncryptedData(
                    Base64.getEncoder().encodeToString(sealed),
                    Base64.getEncoder().encodeToString(iv));
        } catch (java.security.GeneralSecurityException impossible) {
            throw new IllegalStateException("every JDK has AES/CBC/PKCS5Padding", impossible);
        }
    }

    record EncryptedData(String encryptedData, String iv) {}

    /** A blocked user's login and phone codes answer 40226 ("high risk user"). */
    void block(String appId, String openid, boolean blocked) {
        AppState app = requireApp(state, appId);
        requireOpenid(openid);
        app.user(openid).blocked(blocked);
        log.info("{} user {} of app {}", blocked ? "blocked" : "unblocked", openid, appId);
    }

    Map<String, Map<String, Long>> stats() {
        return state.stats.snapshot();
    }

    long calls(String appId, Endpoint endpoint) {
        return state.stats.count(appId, endpoint);
    }

    void setFault(Endpoint endpoint, Fault fault) {
        state.faults.set(endpoint.ordinal(), fault);
        log.info("fault on {}: {}", endpoint.path(), fault);
    }

    void clearFault(Endpoint endpoint) {
        state.faults.set(endpoint.ordinal(), null);
    }

    void clearFaults() {
        State s = state;
        for (int i = 0; i < s.faults.length(); i++) {
            s.faults.set(i, null);
        }
        log.info("faults cleared");
    }

    Map<String, Fault> faults() {
        State s = state;
        Map<String, Fault> result = new TreeMap<>();
        for (Endpoint endpoint : Endpoint.values()) {
            Fault fault = s.faults.get(endpoint.ordinal());
            if (fault != null) {
                result.put(endpoint.faultKey(), fault);
            }
        }
        return result;
    }

    /** Back to the configured apps with no tokens, codes, users, counts or faults. The clock keeps its advance. */
    void reset() {
        State old = state;
        state = new State(configuredApps);
        log.info(
                "sandbox reset: dropped {} tokens, {} login codes, {} phone codes; {} configured apps",
                old.tokens.size(),
                old.loginCodes.size(),
                old.phoneCodes.size(),
                configuredApps.size());
    }

    void advanceClock(Duration by) {
        if (by.compareTo(MAX_CLOCK_ADVANCE) > 0) {
            throw SandboxInputException.invalid("advance the clock by at most " + MAX_CLOCK_ADVANCE.toDays() + " days");
        }
        clock.advance(by);
        log.info("clock advanced by {}; offset now {}", by, clock.offset());
    }

    Instant now() {
        return clock.instant();
    }

    Duration clockOffset() {
        return clock.offset();
    }

    // ---------------------------------------------------------------- internals

    /**
     * Counts the call, then applies the endpoint's fault: latency first (so latency plus outage looks like a hung
     * upstream), then outage, then "system busy". Null lets the call proceed.
     */
    private <T> Outcome<T> admit(State s, Endpoint endpoint, String statsApp) {
        s.stats.record(statsApp, endpoint);
        Fault fault = s.faults.get(endpoint.ordinal());
        if (fault == null) {
            return null;
        }
        if (fault.latencyMillis() > 0) {
            try {
                sleeper.sleep(Duration.ofMillis(fault.latencyMillis()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (fault.outage()) {
            return Outcome.unavailable();
        }
        if (fault.busyRate() > 0 && faultDice.getAsDouble() < fault.busyRate()) {
            return Outcome.failed(ErrorCode.SYSTEM_ERROR);
        }
        return null;
    }

    private <T> Outcome<T> admit(State s, Endpoint endpoint, AppState app) {
        return admit(s, endpoint, app == null ? CallStats.UNKNOWN_APP : app.appId());
    }

    private <T> Outcome<T> admit(State s, Endpoint endpoint, IssuedToken token) {
        return admit(s, endpoint, token == null ? CallStats.UNKNOWN_APP : token.appId());
    }

    /** Unknown app → 40013, wrong secret → 40125 (older docs said 40001; WeChat answers 40125 today). */
    private static ErrorCode checkCredentials(AppState app, String appid, String secret) {
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

    private static IssuedToken lookUp(State s, String accessToken) {
        return blank(accessToken) ? null : s.tokens.get(accessToken);
    }

    private static AppState tokenApp(State s, IssuedToken token) {
        return token == null ? null : s.apps.get(token.appId());
    }

    /** 41001 missing, 40001 unknown or replaced, 42001 expired; only mini-programs may use the wxa endpoints. */
    private static ErrorCode checkToken(State s, String accessToken, IssuedToken token, Instant now) {
        if (blank(accessToken)) {
            return ErrorCode.ACCESS_TOKEN_MISSING;
        }
        if (token == null) {
            return ErrorCode.INVALID_CREDENTIAL;
        }
        ErrorCode rejection = token.rejectionAt(now);
        if (rejection != null) {
            return rejection;
        }
        AppState app = tokenApp(s, token);
        if (app == null) {
            return ErrorCode.INVALID_CREDENTIAL;
        }
        // Community reports: getuserphonenumber with an official account's token answers "40013 invalid appid".
        if (app.config().type() != AppType.MINI_PROGRAM) {
            return ErrorCode.INVALID_APPID;
        }
        return null;
    }

    /** The checks checksession and resetusersessionkey share, in order; null when the signature is right. */
    private static ErrorCode checkSessionCall(
            State s,
            String accessToken,
            IssuedToken token,
            String openid,
            String signature,
            String sigMethod,
            Instant now) {
        ErrorCode tokenRefused = checkToken(s, accessToken, token, now);
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
        AppState app = tokenApp(s, token);
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

    private String issueCode(
            State s,
            ConcurrentHashMap<String, OneTimeCode> codes,
            Supplier<String> newValue,
            AppState app,
            String openid,
            PhoneNumber phone) {
        Instant now = now();
        if (s.codesIssued.incrementAndGet() % SWEEP_EVERY == 0) {
            s.loginCodes.values().removeIf(c -> c.expiredAt(now));
            s.phoneCodes.values().removeIf(c -> c.expiredAt(now));
        }
        while (true) {
            String value = newValue.get();
            OneTimeCode code = new OneTimeCode(value, app.appId(), openid, now.plus(CODE_LIFETIME), phone);
            if (codes.putIfAbsent(value, code) == null) {
                log.debug("issued {}", code);
                return value;
            }
        }
    }

    /**
     * An app bound to an Open Platform account gives the user's unionid: the one set through the control API, else one
     * derived from the group and the openid, so apps of one group agree on a user named the same in both.
     */
    private static String unionidOf(AppConfig app, UserState user) {
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

    private AppView view(AppState app, Instant now) {
        return new AppView(
                app.config(),
                app.classicCallsOn(AppState.day(now)),
                app.stableCallsOn(AppState.day(now)),
                app.forceRefreshesOn(AppState.day(now)));
    }

    private static AppState requireApp(State s, String appId) {
        AppState app = s.app(appId);
        if (app == null) {
            throw SandboxInputException.notFound("no app " + appId);
        }
        return app;
    }

    private static AppState requireMiniProgram(State s, String appId) {
        AppState app = requireApp(s, appId);
        if (app.config().type() != AppType.MINI_PROGRAM) {
            throw SandboxInputException.invalid(
                    "app " + appId + " is an official account; only mini-program users log in with codes");
        }
        return app;
    }

    private static void requireOpenid(String openid) {
        if (openid == null || !OPENID.matcher(openid).matches()) {
            throw SandboxInputException.invalid("openid must be 1 to 64 letters, digits, '_' or '-'");
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
