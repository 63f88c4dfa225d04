package dev.wxgate.domain.app;

/** What kind of WeChat app: a mini-program has users who log in; an official account has followers. */
public enum AppType {
    MINI_PROGRAM,
    OFFICIAL_ACCOUNT
}
