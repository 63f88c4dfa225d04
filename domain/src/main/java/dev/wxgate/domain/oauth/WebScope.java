package dev.wxgate.domain.oauth;

import dev.wxgate.domain.app.AppType;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * What a web login asks WeChat for: an official account's {@code snsapi_base} (the openid, silently) or
 * {@code snsapi_userinfo} (the openid, nickname and avatar, after the user consents), or a website app's
 * {@code snsapi_login} (QR login: the openid, and the nickname and avatar, after the user scans and confirms).
 */
public enum WebScope {
    SNSAPI_BASE(AppType.OFFICIAL_ACCOUNT),
    SNSAPI_USERINFO(AppType.OFFICIAL_ACCOUNT),
    SNSAPI_LOGIN(AppType.WEBSITE);

    private final AppType appType;

    WebScope(AppType appType) {
        this.appType = appType;
    }

    /** WeChat's name of the scope ("snsapi_base"). */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The only kind of app WeChat grants this scope to. */
    public AppType appType() {
        return appType;
    }

    /** Whether a grant of this scope may read {@code /sns/userinfo}. */
    public boolean readsUserInfo() {
        return this != SNSAPI_BASE;
    }

    /** The scope WeChat calls {@code name}, if it is one wxgate supports. */
    public static Optional<WebScope> fromWireName(String name) {
        return Arrays.stream(values())
                .filter(scope -> scope.wireName().equals(name))
                .findFirst();
    }
}
