package dev.wxgate.domain.oauth;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * What an official account's web login asks WeChat for: {@code snsapi_base} (the openid, silently) or
 * {@code snsapi_userinfo} (the openid, nickname and avatar, after the user consents).
 */
public enum WebScope {
    SNSAPI_BASE,
    SNSAPI_USERINFO;

    /** WeChat's name of the scope ("snsapi_base"). */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The scope WeChat calls {@code name}, if it is one wxgate supports. */
    public static Optional<WebScope> fromWireName(String name) {
        return Arrays.stream(values())
                .filter(scope -> scope.wireName().equals(name))
                .findFirst();
    }
}
