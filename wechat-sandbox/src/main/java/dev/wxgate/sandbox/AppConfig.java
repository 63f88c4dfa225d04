package dev.wxgate.sandbox;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Value: an emulated app's identity and limits, validated once; its {@code toString} never shows the secret.
 *
 * @param appId "wx" followed by 16 lowercase hex digits
 * @param secret 32 lowercase hex digits
 * @param type mini-program, official account or website app
 * @param unionGroup the Open Platform account the app is bound to, or null: apps of one group give a user the same
 *     unionid, apps without one give none
 * @param tokenExpiresIn lifetime in seconds of the access tokens issued to this app (WeChat: 7200)
 * @param dailyQuota /cgi-bin/token calls allowed a day (WeChat: 2000, test accounts 200)
 * @param stableDailyQuota /cgi-bin/stable_token calls allowed a day (WeChat: 500,000)
 * @param oauthDomains the web login's redirect domains (WeChat's 网页授权域名): {@code host} (any port) or
 *     {@code host:port}; empty means loopback only ({@code 127.0.0.1}, {@code localhost}, {@code [::1]}, any port)
 */
record AppConfig(
        String appId,
        String secret,
        AppType type,
        String unionGroup,
        long tokenExpiresIn,
        int dailyQuota,
        int stableDailyQuota,
        List<String> oauthDomains) {

    static final Pattern APP_ID = Pattern.compile("wx[0-9a-f]{16}");
    static final Pattern SECRET = Pattern.compile("[0-9a-f]{32}");
    static final Pattern UNION_GROUP = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    static final long DEFAULT_TOKEN_EXPIRES_IN = 7200;
    static final long MAX_TOKEN_EXPIRES_IN = 86_400;
    static final int DEFAULT_DAILY_QUOTA = 2000;
    static final int DEFAULT_STABLE_DAILY_QUOTA = 500_000;
    static final int MAX_QUOTA = 100_000_000;

    static final Pattern OAUTH_DOMAIN = Pattern.compile("(\\[::1\\]|[a-z0-9.-]{1,253})(:[0-9]{1,5})?");

    AppConfig {
        oauthDomains = oauthDomains == null ? List.of() : List.copyOf(oauthDomains);
        require(
                oauthDomains.stream()
                        .allMatch(d -> d != null && OAUTH_DOMAIN.matcher(d).matches()),
                "oauthDomains must be lower-case host names or host:port");
        require(
                appId != null && APP_ID.matcher(appId).matches(),
                "appId must be \"wx\" followed by 16 lowercase hex digits");
        require(secret != null && SECRET.matcher(secret).matches(), "secret must be 32 lowercase hex digits");
        require(type != null, "type must be mini-program, official-account or website");
        require(
                unionGroup == null || UNION_GROUP.matcher(unionGroup).matches(),
                "unionGroup must be 1 to 64 letters, digits, '.', '_' or '-'");
        require(
                tokenExpiresIn >= 1 && tokenExpiresIn <= MAX_TOKEN_EXPIRES_IN,
                "tokenExpiresIn must be between 1 and " + MAX_TOKEN_EXPIRES_IN + " seconds");
        require(dailyQuota >= 1 && dailyQuota <= MAX_QUOTA, "dailyQuota must be between 1 and " + MAX_QUOTA);
        require(
                stableDailyQuota >= 1 && stableDailyQuota <= MAX_QUOTA,
                "stableDailyQuota must be between 1 and " + MAX_QUOTA);
    }

    /** An app without web login domains of its own: loopback only. */
    AppConfig(
            String appId,
            String secret,
            AppType type,
            String unionGroup,
            long tokenExpiresIn,
            int dailyQuota,
            int stableDailyQuota) {
        this(appId, secret, type, unionGroup, tokenExpiresIn, dailyQuota, stableDailyQuota, List.of());
    }

    /** Whether WeChat would send a browser to {@code host:port} after a web login of this app. */
    boolean allowsOAuthRedirect(String host, int port) {
        if (oauthDomains.isEmpty()) {
            return host.equals("127.0.0.1") || host.equals("localhost") || host.equals("[::1]");
        }
        return oauthDomains.contains(host) || oauthDomains.contains(host + ":" + port);
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw SandboxInputException.invalid(message);
        }
    }

    AppConfig withTokenExpiresIn(long seconds) {
        return new AppConfig(appId, secret, type, unionGroup, seconds, dailyQuota, stableDailyQuota, oauthDomains);
    }

    AppConfig withDailyQuota(int quota) {
        return new AppConfig(appId, secret, type, unionGroup, tokenExpiresIn, quota, stableDailyQuota, oauthDomains);
    }

    AppConfig withStableDailyQuota(int quota) {
        return new AppConfig(appId, secret, type, unionGroup, tokenExpiresIn, dailyQuota, quota, oauthDomains);
    }

    @Override
    public String toString() {
        return "AppConfig[appId=" + appId + ", secret=" + Secrets.mask(secret) + ", type=" + type.wireName()
                + ", unionGroup=" + unionGroup + ", tokenExpiresIn=" + tokenExpiresIn + ", dailyQuota=" + dailyQuota
                + ", stableDailyQuota=" + stableDailyQuota + ", oauthDomains=" + oauthDomains + "]";
    }
}
