package dev.wxgate.domain.app;

/**
 * What kind of WeChat app: a mini-program has users who log in; an official account has followers, JS-SDK pages and
 * a web login; a website app (an Open Platform 网站应用) only logs users in by QR code and has no access_token.
 */
public enum AppType {
    MINI_PROGRAM,
    OFFICIAL_ACCOUNT,
    WEBSITE;

    /** Whether WeChat issues this kind of app an access_token (a website app calls no API that needs one). */
    public boolean hasAccessToken() {
        return this != WEBSITE;
    }

    /** The name configuration and error messages use ("mini-program", "official-account", "website"). */
    public String displayName() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
