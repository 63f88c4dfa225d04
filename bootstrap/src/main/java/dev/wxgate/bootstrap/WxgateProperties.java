package dev.wxgate.bootstrap;

import dev.wxgate.domain.app.AppType;
import dev.wxgate.domain.app.CallbackMode;
import dev.wxgate.domain.app.TokenMode;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * wxgate's configuration, under the prefix {@code wxgate}. Secrets may be given as environment variables (e.g.
 * {@code WXGATE_APPS_0_SECRET}); no {@code toString()} here prints one.
 *
 * @param apps the WeChat apps this wxgate serves; none means the built-in sandbox's apps
 * @param store where sessions, the token cache and locks live: {@code memory} (one node) or {@code redis} (cluster)
 * @param wechat how to reach WeChat's server API
 * @param redis how wxgate names its keys in Redis and rides out its outages (with {@code store=redis})
 * @param sessions how long mini-program sessions live and how their session_key is sealed
 * @param login how often logins may come
 * @param clients the backends that may read access tokens over the internal API
 * @param internalApi how often a client may call the internal token and ticket API
 * @param introspection how often a client may introspect session tokens
 * @param token how the central access_token server refreshes, waits and counts
 * @param callbacks how WeChat's callbacks ({@code /wx/callback/{appId}}) are accepted and handled
 * @param console the admin console at {@code /console}: sign-in, lockout and how it shows times
 * @param jwt the short-lived signed session JWTs ({@code POST /api/v1/session/jwt}) and their signing keys
 * @param tickets how the token server counts official accounts' JS-SDK tickets
 * @param jssdk how often pages may ask for a JS-SDK signature ({@code GET /api/v1/jssdk-config})
 * @param webLogin the official accounts' web login ({@code /oauth/{appId}/authorize})
 * @param metrics who may scrape {@code /actuator/prometheus} on the main port
 */
@ConfigurationProperties("wxgate")
public record WxgateProperties(
        @DefaultValue List<App> apps,
        @DefaultValue("memory") Store store,
        @DefaultValue Wechat wechat,
        @DefaultValue Redis redis,
        @DefaultValue Sessions sessions,
        @DefaultValue Login login,
        @DefaultValue List<Client> clients,
        @DefaultValue InternalApi internalApi,
        @DefaultValue Introspection introspection,
        @DefaultValue Token token,
        @DefaultValue Callbacks callbacks,
        @DefaultValue Console console,
        @DefaultValue Jwt jwt,
        @DefaultValue Tickets tickets,
        @DefaultValue JsSdk jssdk,
        @DefaultValue WebLogin webLogin,
        @DefaultValue Metrics metrics) {

    public enum Store {
        MEMORY,
        REDIS
    }

    /**
     * One WeChat app.
     *
     * @param appId the app id ("wx" + 16 hex digits)
     * @param secret the AppSecret
     * @param type {@code mini-program}, {@code official-account} or {@code website} (an Open Platform website app: QR
     *     login with {@code snsapi_login} only; it has no access_token, tickets or callbacks)
     * @param tokenMode {@code stable} ({@code /cgi-bin/stable_token}, recommended) or {@code classic}
     * @param callback message push settings, for apps that receive callbacks
     * @param jssdk official accounts: the JS-SDK settings, as in WeChat's admin
     * @param web the web login of an official account or website app: where it may send the browser back to
     * @param forward where the app's pushes are delivered (a webhook, RabbitMQ); none keeps nothing
     * @param dailyQuota token calls WeChat allows this app a day, when not WeChat's figure for its token mode (classic
     *     2000, stable 500000), e.g. 200 for a test account: the 80 % warning, the metrics and the console use it
     */
    public record App(
            String appId,
            String secret,
            @DefaultValue("mini-program") AppType type,
            @DefaultValue("stable") TokenMode tokenMode,
            Callback callback,
            @DefaultValue AppJsSdk jssdk,
            @DefaultValue Web web,
            Forward forward,
            Long dailyQuota) {

        @Override
        public String toString() {
            return "App[appId=" + appId + ", secret=****, type=" + type + ", tokenMode=" + tokenMode + ", callback="
                    + callback + ", jssdk=" + jssdk + ", web=" + web + ", forward=" + forward + ", dailyQuota="
                    + dailyQuota + "]";
        }
    }

    /**
     * Where an app's pushes are delivered, durably and at least once: each push is stored before WeChat is answered.
     *
     * @param url the webhook pushes are {@code POST}ed to (http or https)
     * @param secret signs each webhook request ({@code X-Wxgate-Signature}); at least 16 characters
     * @param rabbitmq publish the pushes to RabbitMQ too (or only, without a url)
     * @param replies make the webhook's first attempt inside WeChat's request, so that its answer can be the passive
     *     reply (it wins over an in-process handler's)
     * @param replyTimeout how long that first attempt may take (at most 4.5 s: WeChat waits 5 s); past it WeChat is
     *     answered {@code success} and the delivery goes on in the background
     */
    public record Forward(
            String url,
            String secret,
            @DefaultValue("false") boolean rabbitmq,
            @DefaultValue("false") boolean replies,
            @DefaultValue("4s") Duration replyTimeout) {

        @Override
        public String toString() {
            return "Forward[url=" + (url == null ? "none" : "****") + ", secret=****, rabbitmq=" + rabbitmq
                    + ", replies=" + replies + "]";
        }
    }

    /**
     * An official account's JS-SDK settings.
     *
     * @param domains the JS-safe domains (JS接口安全域名) exactly as entered in WeChat's admin: host names, no scheme,
     *     port or path. The public {@code /api/v1/jssdk-config} signs pages on these hosts only and answers CORS for
     *     them only. The built-in sandbox's apps allow {@code 127.0.0.1} and {@code localhost}
     */
    public record AppJsSdk(@DefaultValue List<String> domains) {}

    /**
     * JS-SDK tickets ({@code jsapi_ticket}, {@code wx_card}), kept like the access_token (same refresh margin, waits
     * and back-offs, see {@code wxgate.token.*}).
     *
     * @param dailyQuota getticket calls WeChat allows an account per day and type (see the account's interface
     *     permissions page); a warning is logged at 80 %
     */
    public record Tickets(@DefaultValue("2000") long dailyQuota) {}

    /**
     * The public JS-SDK config endpoint's rate limit.
     *
     * @param perClientIp signatures one client address may ask for per {@code period}
     * @param period the window the limit counts in
     */
    public record JsSdk(
            @DefaultValue("60") int perClientIp,
            @DefaultValue("1m") Duration period) {}

    /**
     * An official account's web login.
     *
     * @param allowedOrigins the origins ({@code scheme://host[:port]}, e.g. {@code https://shop.example.com}) whose
     *     pages the login may send the browser back to, compared exactly (scheme, host and port; the port defaults to
     *     the scheme's); none turns the web login off for the app. Pages on them may also call the session API from
     *     the browser (CORS)
     */
    public record Web(@DefaultValue List<String> allowedOrigins) {}

    /**
     * Message push settings as entered in WeChat's admin.
     *
     * @param token the token that signs callbacks (3 to 32 letters or digits)
     * @param encodingAesKey the 43-character EncodingAESKey, for compatible and safe modes
     * @param mode the message-encryption mode set in WeChat's admin: {@code plaintext}, {@code compatible} (plaintext
     *     and encrypted pushes both taken) or {@code safe} (encrypted pushes only). Defaults to {@code compatible}
     *     with an EncodingAESKey, {@code plaintext} without; {@code compatible} and {@code safe} need the key
     * @param previousEncodingAesKey during an EncodingAESKey changeover, the key {@code encoding-aes-key} replaced:
     *     sealed pushes are opened with the current key, else with this one, and answered under the key they came
     *     with (see docs/runbooks/encoding-aes-key.md); unset outside a changeover
     * @param previousKeyUntil the instant (e.g. {@code 2026-12-04T06:00:00Z}) from which pushes sealed with the
     *     previous key are refused ({@code 400 retired_key}); unset, it is taken as long as it is configured
     */
    public record Callback(
            String token,
            String encodingAesKey,
            CallbackMode mode,
            String previousEncodingAesKey,
            Instant previousKeyUntil) {
        @Override
        public String toString() {
            return "Callback[token=****, encodingAesKey=" + (encodingAesKey == null ? "none" : "****") + ", mode="
                    + mode + ", previousEncodingAesKey=" + (previousEncodingAesKey == null ? "none" : "****")
                    + ", previousKeyUntil=" + previousKeyUntil + "]";
        }
    }

    /**
     * How to reach WeChat.
     *
     * @param baseUrl WeChat's server API; the embedded sandbox replaces it when no app is configured
     * @param connectTimeout how long to wait for a connection
     * @param readTimeout how long to wait for an answer
     * @param authorizeBaseUrl where WeChat's web login pages are ({@code /connect/oauth2/authorize}, the browser is
     *     sent there); the embedded sandbox replaces it when it serves
     * @param qrConnectBaseUrl where WeChat's QR login page for website apps is ({@code /connect/qrconnect}); the
     *     embedded sandbox replaces it when it serves
     */
    public record Wechat(
            @DefaultValue("https://api.weixin.qq.com") URI baseUrl,
            @DefaultValue("2s") Duration connectTimeout,
            @DefaultValue("5s") Duration readTimeout,
            @DefaultValue("https://open.weixin.qq.com") URI authorizeBaseUrl,
            @DefaultValue("https://open.weixin.qq.com") URI qrConnectBaseUrl) {}

    /**
     * Redis naming and outage handling.
     *
     * @param keyPrefix put before every key wxgate writes, so several deployments can share one Redis (no braces)
     * @param probeInterval once Redis is found unreachable, calls that need it fail at once and a probe asks Redis this
     *     often; its first answer lets calls through again
     */
    public record Redis(
            @DefaultValue("wxgate:") String keyPrefix,
            @DefaultValue("1s") Duration probeInterval) {}

    /**
     * Mini-program sessions.
     *
     * @param idleTimeout a session unused this long ends (sliding expiry)
     * @param absoluteLifetime no session lives longer, however used
     * @param maxPerUser live sessions one user may have; the oldest is ended beyond it
     * @param refreshGrace how long a refreshed token keeps working, so requests in flight don't fail
     * @param serverKey base64 of 32 bytes: the AES-GCM key that seals session_keys at rest. Required with
     *     {@code store=redis} (every node needs the same); with {@code store=memory} one is generated into
     *     {@code server-key-file} when absent
     * @param serverKeyFile where the embedded default keeps its generated server key
     * @param serverKeys several server keys, for rotating them without ending sessions: the first seals, every one
     *     opens (a session sealed by another is sealed again by the first when used). Instead of {@code server-key},
     *     never with it; see docs/runbooks/session-server-key.md
     * @param encryptedDataMaxAge the oldest encryptedData (by its watermark's timestamp) {@code /api/v1/me/decrypt}
     *     opens; older is refused as {@code encrypted_data_expired}. {@code 0} accepts any age
     */
    public record Sessions(
            @DefaultValue("30m") Duration idleTimeout,
            @DefaultValue("7d") Duration absoluteLifetime,
            @DefaultValue("10") int maxPerUser,
            @DefaultValue("30s") Duration refreshGrace,
            String serverKey,
            @DefaultValue("./data/session-server.key") String serverKeyFile,
            @DefaultValue List<String> serverKeys,
            @DefaultValue("10m") Duration encryptedDataMaxAge) {

        @Override
        public String toString() {
            return "Sessions[idleTimeout=" + idleTimeout + ", absoluteLifetime=" + absoluteLifetime + ", maxPerUser="
                    + maxPerUser + ", refreshGrace=" + refreshGrace + ", serverKey="
                    + (serverKey == null ? "none" : "****") + ", serverKeyFile=" + serverKeyFile + ", serverKeys="
                    + serverKeys.size() + " × ****, encryptedDataMaxAge=" + encryptedDataMaxAge + "]";
        }
    }

    /**
     * Login rate limits, per client IP and per app.
     *
     * @param perClientIp logins one client address may make per {@code period}
     * @param perApp logins one app may receive per {@code period}, all clients together
     * @param period the window both limits count in
     */
    public record Login(
            @DefaultValue("120") int perClientIp,
            @DefaultValue("100000") int perApp,
            @DefaultValue("1m") Duration period) {}

    /**
     * A backend allowed to read access tokens over the internal API ({@code Authorization: Bearer <key>}).
     *
     * @param id names the client in logs and the audit log (letters, digits, '.', '_', '-')
     * @param keySha256 the SHA-256 of the client's key, 64 hex digits: the key itself is never configured here
     * @param apps the app ids the client may read, or {@code *} for all
     * @param keys several keys instead of {@code key-sha256}, to rotate one without downtime (each may carry a
     *     {@code not-after}); see docs/runbooks/client-keys.md
     * @param rateLimit calls to the token and ticket API this client may make per {@code wxgate.internal-api.period};
     *     0 (the default) gives it {@code wxgate.internal-api.per-client}
     */
    public record Client(
            String id,
            String keySha256,
            @DefaultValue List<String> apps,
            @DefaultValue List<ClientKey> keys,
            @DefaultValue("0") int rateLimit) {}

    /**
     * One key of an internal client.
     *
     * @param sha256 the SHA-256 of the key, 64 hex digits
     * @param notAfter the instant after which the key is refused ({@code 401 client_key_expired}), e.g.
     *     {@code 2026-12-31T00:00:00Z}; none: the key does not expire
     */
    public record ClientKey(String sha256, java.time.Instant notAfter) {}

    /**
     * The internal token and ticket API ({@code /internal/v1/apps/...}), its calls counted per client in the whole
     * cluster (with {@code store=redis}). The default stops a runaway backend, not a busy one.
     *
     * @param perClient calls one client may make per {@code period}, unless it has a {@code rate-limit} of its own
     * @param period the window the limits count in
     */
    public record InternalApi(
            @DefaultValue("60000") int perClient,
            @DefaultValue("1m") Duration period) {}

    /**
     * Session token introspection ({@code POST /internal/v1/sessions/introspect}), counted per client in the whole
     * cluster (with {@code store=redis}). A resource server introspects on every request it serves, so the default is
     * generous: it stops a runaway client, not a busy one.
     *
     * @param perClient introspection requests one client may make per {@code period}
     * @param period the window the limit counts in
     */
    public record Introspection(
            @DefaultValue("100000") int perClient,
            @DefaultValue("1m") Duration period) {}

    /**
     * The central access_token server.
     *
     * @param refreshMargin refresh a token this long before it expires (never before half its life has passed); 0
     *     refreshes only when it is about to expire
     * @param checkInterval how often each node looks for tokens due for refresh
     * @param lockWait how long a refresh waits for the cluster lock another node holds
     * @param maxWait how long a caller waits for a token when there is no valid one, before 503 token_unavailable
     * @param lockLease how long a refresh lock outlives a node that died holding it ({@code store=redis}: Redisson's
     *     lockWatchdogTimeout; a live holder's lease is renewed however slow WeChat is)
     * @param nearCacheTtl the longest a node serves a token from its near cache without asking Redis (other nodes'
     *     refreshes drop it at once regardless)
     * @param failureBackoff pause after a failed refresh (WeChat busy or down), doubling up to a minute
     * @param credentialsBackoff pause after WeChat refused an app's credentials, IP or quota, doubling up to 15 minutes
     * @param dailyQuota deprecated: the daily quota of classic-mode apps without one of their own (WeChat's 2000 when
     *     unset); stable-mode apps ignore it. Set {@code wxgate.apps[N].daily-quota} instead
     */
    public record Token(
            @DefaultValue("5m") Duration refreshMargin,
            @DefaultValue("1s") Duration checkInterval,
            @DefaultValue("10s") Duration lockWait,
            @DefaultValue("5s") Duration maxWait,
            @DefaultValue("30s") Duration lockLease,
            @DefaultValue("10s") Duration nearCacheTtl,
            @DefaultValue("1s") Duration failureBackoff,
            @DefaultValue("1m") Duration credentialsBackoff,
            Long dailyQuota) {}

    /**
     * WeChat's callbacks.
     *
     * @param timestampWindow how far a callback's timestamp may be from now, either way; its nonce is remembered for
     *     twice as long, so a replay within the window is refused
     * @param deliveryMemory how long a message's MsgId (an event's sender and time) is remembered, so WeChat's
     *     retries are handled once
     * @param maxBody larger request bodies are refused before anything parses them
     * @param backgroundThreads threads running background handlers (slow work after the answer)
     * @param backgroundQueue background work waiting at most; past it new work is dropped and recorded, never queued
     *     without bound
     * @param logSize callbacks kept for the console: per node in memory mode, for the whole cluster in redis mode
     * @param echoText answer text messages with their own text (for trying callbacks out); off by default
     */
    public record Callbacks(
            @DefaultValue("300s") Duration timestampWindow,
            @DefaultValue("15m") Duration deliveryMemory,
            @DefaultValue("1MB") DataSize maxBody,
            @DefaultValue("4") int backgroundThreads,
            @DefaultValue("1000") int backgroundQueue,
            @DefaultValue("1000") int logSize,
            @DefaultValue("false") boolean echoText) {}

    /**
     * The admin console. Its first operator, {@code admin}, is created on the first start with the password in the
     * environment variable {@code WXGATE_ADMIN_PASSWORD}, or a random one printed once in the log.
     *
     * @param sessionTimeout a console session ends after this long without a request
     * @param maxFailedLogins failed sign-ins in a row as one operator from one client address that lock that operator
     *     from that address (from elsewhere the operator still signs in)
     * @param lockout how long a lock lasts; also the window in which {@code maxFailedLoginsPerAddress} are counted
     * @param maxFailedLoginsPerAddress failed sign-ins from one client address, whatever the username, within
     *     {@code lockout} that refuse every sign-in from that address for {@code lockout}
     * @param timeZone the zone console pages show times in; empty for the JVM's default zone
     */
    public record Console(
            @DefaultValue("30m") Duration sessionTimeout,
            @DefaultValue("5") int maxFailedLogins,
            @DefaultValue("15m") Duration lockout,
            @DefaultValue("20") int maxFailedLoginsPerAddress,
            @DefaultValue("") String timeZone) {}

    /**
     * Session JWTs, for services that verify a user without calling wxgate. The signing keys live in the database
     * (the private halves sealed with {@code wxgate.sessions.server-key}), so every node signs with the same one.
     *
     * @param issuer the {@code iss} of every JWT; a consumer's {@code issuer-uri} must equal it exactly. Set it to
     *     wxgate's public URL (e.g. {@code https://login.example.com}) so that {@code issuer-uri} alone finds the keys
     * @param audiences the {@code aud} of every JWT (the consumers' names); empty leaves {@code aud} out
     * @param lifetime how long a JWT lives at most; never past the session's own expiry
     * @param rotation how long a signing key signs before a new one takes over; a retired key stays in the JWKS for
     *     {@code lifetime} + 1 minute more
     * @param checkInterval how often each node looks whether a rotation is due
     * @param jwksMaxAge how long consumers and proxies may cache the JWKS ({@code Cache-Control: max-age})
     */
    public record Jwt(
            @DefaultValue("wxgate") String issuer,
            @DefaultValue List<String> audiences,
            @DefaultValue("5m") Duration lifetime,
            @DefaultValue("30d") Duration rotation,
            @DefaultValue("1m") Duration checkInterval,
            @DefaultValue("1m") Duration jwksMaxAge) {}

    /**
     * The official accounts' web login (网页授权), see {@code wxgate.apps[N].web} for where each may send the browser.
     * Its starts and code exchanges are limited per client address by {@code wxgate.login.per-client-ip}.
     *
     * @param publicUrl wxgate's public URL (e.g. {@code https://login.example.com}), under which WeChat calls back
     *     ({@code /oauth/{appId}/callback}); its host must be the account's web login domain (网页授权域名). Unset,
     *     the callback is built from the request as it reached wxgate (fine without a proxy; set it behind one)
     * @param stateLifetime how long the browser has to come back from WeChat (the state is single use)
     * @param handoffLifetime how long the page has to exchange its one-time handoff code for a session
     */
    public record WebLogin(
            URI publicUrl,
            @DefaultValue("5m") Duration stateLifetime,
            @DefaultValue("60s") Duration handoffLifetime) {}

    /**
     * Who may read {@code /actuator/prometheus} on the main port: a scraper that presents the key
     * ({@code Authorization: Bearer <key>}); without a key configured, nobody there. On the management port
     * ({@code management.server.port}, kept off the public network) it is open.
     *
     * @param keySha256 the SHA-256 of the scraper's key, 64 hex digits ({@code printf %s "$KEY" | sha256sum}); the key
     *     itself is never configured on wxgate
     */
    public record Metrics(String keySha256) {}
}
