package dev.wxgate.sandbox;

import java.util.Arrays;
import java.util.Optional;

/**
 * Value: the kind of WeChat account an emulated app is: mini-programs log users in with {@code wx.login()}, official
 * accounts have tickets and the web login, website apps (Open Platform 网站应用) the QR login only and no access_token.
 */
enum AppType {
    MINI_PROGRAM("mini-program"),
    OFFICIAL_ACCOUNT("official-account"),
    WEBSITE("website");

    private final String wireName;

    AppType(String wireName) {
        this.wireName = wireName;
    }

    /** The name the control API reads and writes ("mini-program", "official-account", "website"). */
    String wireName() {
        return wireName;
    }

    static Optional<AppType> fromWireName(String name) {
        return Arrays.stream(values()).filter(t -> t.wireName.equals(name)).findFirst();
    }
}
