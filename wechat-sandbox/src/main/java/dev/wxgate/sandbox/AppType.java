package dev.wxgate.sandbox;

import java.util.Arrays;
import java.util.Optional;

/** Value: the kind of WeChat account an emulated app is; only mini-programs have users who log in. */
enum AppType {
    MINI_PROGRAM("mini-program"),
    OFFICIAL_ACCOUNT("official-account");

    private final String wireName;

    AppType(String wireName) {
        this.wireName = wireName;
    }

    /** The name the control API reads and writes ("mini-program", "official-account"). */
    String wireName() {
        return wireName;
    }

    static Optional<AppType> fromWireName(String name) {
        return Arrays.stream(values()).filter(t -> t.wireName.equals(name)).findFirst();
    }
}
