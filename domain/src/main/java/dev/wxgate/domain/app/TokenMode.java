package dev.wxgate.domain.app;

/**
 * Which WeChat endpoint issues the app's access_token. STABLE ({@code /cgi-bin/stable_token}) returns the same
 * token for its life and is WeChat's recommendation; CLASSIC ({@code /cgi-bin/token}) issues a new token on every
 * call and invalidates the previous one after about five minutes.
 */
public enum TokenMode {
    STABLE,
    CLASSIC
}
