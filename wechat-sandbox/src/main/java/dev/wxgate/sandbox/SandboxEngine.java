package dev.wxgate.sandbox;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Engine: the emulated WeChat server, plain Java, with WeChat's rules and error codes: the one entry the HTTP layer
 * and tests use, handing each concept to its part (tokens, sessions, phone numbers, apps, users, faults) over the
 * current {@link EngineState}. Safe for concurrent callers; the HTTP layer only translates.
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

    /** encryptedData and its iv, both Base64, as the mini-program receives them. */
    record EncryptedData(String encryptedData, String iv) {}

    record RawData(String rawData, String signature) {}

    private final List<AppConfig> configuredApps;
    private final OffsetClock clock;
    private final CallGate gate;
    private final TokenEndpoints tokens;
    private final SessionEndpoints sessions;
    private final PhoneEndpoint phones;
    private final TicketEndpoint tickets;
    private final WebOAuthEndpoints webOAuth;
    private final WebConsent webConsent;
    private final AppControl appControl;
    private final UserControl userControl;
    private volatile EngineState state;

    SandboxEngine(List<AppConfig> configuredApps, Clock clock) {
        this(configuredApps, clock, AppState.DEFAULT_STABLE_MINUTE_QUOTA);
    }

    /** @param stableMinuteQuota stable_token calls an app may make a minute (WeChat: 10,000), then 45011 */
    SandboxEngine(List<AppConfig> configuredApps, Clock clock, int stableMinuteQuota) {
        this(
                configuredApps,
                clock,
                new SecureRandom(),
                () -> ThreadLocalRandom.current().nextDouble(),
                duration -> Thread.sleep(duration),
                stableMinuteQuota);
    }

    SandboxEngine(
            List<AppConfig> configuredApps,
            Clock clock,
            SecureRandom random,
            DoubleSupplier faultDice,
            Sleeper sleeper) {
        this(configuredApps, clock, random, faultDice, sleeper, AppState.DEFAULT_STABLE_MINUTE_QUOTA);
    }

    SandboxEngine(
            List<AppConfig> configuredApps,
            Clock clock,
            SecureRandom random,
            DoubleSupplier faultDice,
            Sleeper sleeper,
            int stableMinuteQuota) {
        Map<String, AppConfig> byId = new LinkedHashMap<>();
        for (AppConfig app : configuredApps) {
            if (byId.putIfAbsent(app.appId(), app) != null) {
                throw new IllegalArgumentException("app " + app.appId() + " is configured twice");
            }
        }
        this.configuredApps = List.copyOf(byId.values());
        this.clock = new OffsetClock(clock);
        Secrets secrets = new Secrets(random);
        this.gate = new CallGate(faultDice, sleeper);
        this.tokens = new TokenEndpoints(gate, secrets, this.clock, stableMinuteQuota);
        this.sessions = new SessionEndpoints(gate, secrets, this.clock);
        this.phones = new PhoneEndpoint(gate, this.clock);
        this.tickets = new TicketEndpoint(gate, secrets, this.clock);
        this.webOAuth = new WebOAuthEndpoints(gate, secrets, this.clock);
        this.webConsent = new WebConsent(gate, secrets, this.clock);
        this.appControl = new AppControl(secrets);
        this.userControl = new UserControl(secrets, this.clock);
        this.state = new EngineState(this.configuredApps);
        log.info("WeChat sandbox serves {} apps: {}", byId.size(), byId.keySet());
    }

    // ---------------------------------------------------------------- WeChat's endpoints

    /** GET /cgi-bin/token?grant_type=client_credential&amp;appid=&amp;secret= */
    Outcome<AppState.Grant> classicToken(String httpMethod, String grantType, String appid, String secret) {
        return tokens.classicToken(state, httpMethod, grantType, appid, secret);
    }

    /** POST /cgi-bin/stable_token with a JSON body. */
    Outcome<AppState.Grant> stableToken(String httpMethod, StableTokenRequest request) {
        return tokens.stableToken(state, httpMethod, request);
    }

    /** POST /cgi-bin/clear_quota?access_token= with body {"appid"}: this month's clears so far, on success. */
    Outcome<Integer> clearQuota(String httpMethod, String accessToken, String appid) {
        return tokens.clearQuota(state, httpMethod, accessToken, appid);
    }

    /** GET /sns/jscode2session?appid=&amp;secret=&amp;js_code=&amp;grant_type=authorization_code; needs no token. */
    Outcome<Login> codeToSession(String httpMethod, String appid, String secret, String jsCode, String grantType) {
        return sessions.codeToSession(state, httpMethod, appid, secret, jsCode, grantType);
    }

    /** GET /wxa/checksession?access_token=&amp;openid=&amp;signature=&amp;sig_method=hmac_sha256 */
    Outcome<String> checkSession(
            String httpMethod, String accessToken, String openid, String signature, String sigMethod) {
        return sessions.checkSession(state, httpMethod, accessToken, openid, signature, sigMethod);
    }

    /** GET /wxa/resetusersessionkey, same parameters as checksession: a new key with the old expiry. */
    Outcome<RenewedKey> resetSessionKey(
            String httpMethod, String accessToken, String openid, String signature, String sigMethod) {
        return sessions.resetSessionKey(state, httpMethod, accessToken, openid, signature, sigMethod);
    }

    /** POST /wxa/business/getuserphonenumber?access_token= with body {"code"} (optionally "openid"). */
    Outcome<PhoneInfo> phoneNumber(String httpMethod, String accessToken, PhoneCodeRequest request) {
        return phones.phoneNumber(state, httpMethod, accessToken, request);
    }

    /** GET /cgi-bin/ticket/getticket?access_token=&amp;type=jsapi|wx_card, official accounts only. */
    Outcome<TicketEndpoint.Issued> getTicket(String httpMethod, String accessToken, String type) {
        return tickets.getTicket(state, httpMethod, accessToken, type);
    }

    /**
     * GET /connect/oauth2/authorize or /connect/qrconnect (open.weixin.qq.com): the page's content; null during an
     * outage.
     */
    WebConsent.Authorize webAuthorize(
            WebConsent.Page page, String appid, String redirectUri, String scope, String state) {
        return webConsent.authorize(state(), page, appid, redirectUri, scope, state);
    }

    /** The page's form: allow (a code for {@code openid}) or decline. */
    WebConsent.Decision webDecide(
            WebConsent.Page page,
            String appid,
            String redirectUri,
            String scope,
            String state,
            String openid,
            boolean allow,
            String nickname) {
        return webConsent.decide(state(), page, appid, redirectUri, scope, state, openid, allow, nickname);
    }

    /** GET /sns/oauth2/access_token */
    Outcome<WebOAuthEndpoints.Grant> webAccessToken(
            String httpMethod, String appid, String secret, String code, String grantType) {
        return webOAuth.accessToken(state, httpMethod, appid, secret, code, grantType);
    }

    /** GET /sns/oauth2/refresh_token */
    Outcome<WebOAuthEndpoints.Grant> webRefreshToken(
            String httpMethod, String appid, String grantType, String refreshToken) {
        return webOAuth.refresh(state, httpMethod, appid, grantType, refreshToken);
    }

    /** GET /sns/userinfo */
    Outcome<WebOAuthEndpoints.UserInfo> webUserInfo(String httpMethod, String accessToken, String openid) {
        return webOAuth.userInfo(state, httpMethod, accessToken, openid);
    }

    /** GET /sns/auth */
    Outcome<String> webAuth(String httpMethod, String accessToken, String openid) {
        return webOAuth.auth(state, httpMethod, accessToken, openid);
    }

    private EngineState state() {
        return state;
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
        return appControl.apps(state, now());
    }

    AppView app(String appId) {
        return appControl.app(state, appId, now());
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
        return appControl.addApp(state, appId, secret, type, unionGroup, tokenExpiresIn, dailyQuota, stableDailyQuota);
    }

    /** Changes an app's limits; tokens already issued keep their expiry, quotas apply from the next call. */
    AppConfig changeApp(String appId, Long tokenExpiresIn, Integer dailyQuota, Integer stableDailyQuota) {
        return appControl.changeApp(state, appId, tokenExpiresIn, dailyQuota, stableDailyQuota);
    }

    /** A wx.login code for the user (created on first mention); jscode2session then answers this openid. */
    String createLoginCode(String appId, String openid, String unionid) {
        return userControl.createLoginCode(state, appId, openid, unionid);
    }

    /** A getPhoneNumber code for the user; the number defaults to one derived from the openid. */
    String createPhoneCode(String appId, String openid, PhoneNumber phone) {
        return userControl.createPhoneCode(state, appId, openid, phone);
    }

    /** {@code encryptedData} of the JSON, already watermarked, under the user's live session_key. */
    EncryptedData encryptForUser(String appId, String openid, String watermarkedJson) {
        return userControl.encryptForUser(state, appId, openid, watermarkedJson);
    }

    /** {@code rawData} with its signature under the user's live session_key, as getUserProfile gives them. */
    RawData signRawData(String appId, String openid, String rawData) {
        return userControl.signRawData(state, appId, openid, rawData);
    }

    /**
     * Null when {@code ip} may call the token endpoints for {@code appid}; else WeChat's refusal (40164, 89503), the
     * call counted. Unknown apps pass: the endpoint itself answers them.
     */
    IpRules.Refusal ipRefusal(Endpoint endpoint, String appid, String ip) {
        AppState app = appid == null ? null : state.app(appid);
        IpRules.Refusal refusal = app == null ? null : app.ipRules().check(ip);
        if (refusal != null) {
            state.stats.record(app.appId(), endpoint);
        }
        return refusal;
    }

    /** The app's IP rules, as set through the control API. */
    IpRules ipRules(String appId) {
        return state.requireApp(appId).ipRules();
    }

    /** A blocked user's login and phone codes answer 40226 ("high risk user"). */
    void block(String appId, String openid, boolean blocked) {
        userControl.block(state, appId, openid, blocked);
    }

    Map<String, Map<String, Long>> stats() {
        return state.stats.snapshot();
    }

    long calls(String appId, Endpoint endpoint) {
        return state.stats.count(appId, endpoint);
    }

    void setFault(Endpoint endpoint, Fault fault) {
        gate.setFault(state, endpoint, fault);
    }

    void clearFault(Endpoint endpoint) {
        gate.clearFault(state, endpoint);
    }

    void clearFaults() {
        gate.clearFaults(state);
    }

    Map<String, Fault> faults() {
        return gate.faults(state);
    }

    /** Back to the configured apps with no tokens, codes, users, counts or faults. The clock keeps its advance. */
    void reset() {
        EngineState old = state;
        state = new EngineState(configuredApps);
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
}
