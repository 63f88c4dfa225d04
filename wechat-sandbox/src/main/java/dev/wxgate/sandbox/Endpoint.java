package dev.wxgate.sandbox;

import java.util.Arrays;
import java.util.Optional;

/** Value: the WeChat endpoints the sandbox emulates, named by their path on api.weixin.qq.com. */
enum Endpoint {
    TOKEN(Path.TOKEN),
    STABLE_TOKEN(Path.STABLE_TOKEN),
    CLEAR_QUOTA(Path.CLEAR_QUOTA),
    CODE_TO_SESSION(Path.CODE_TO_SESSION),
    CHECK_SESSION(Path.CHECK_SESSION),
    RESET_SESSION_KEY(Path.RESET_SESSION_KEY),
    PHONE_NUMBER(Path.PHONE_NUMBER),
    GET_TICKET(Path.GET_TICKET),
    WEB_AUTHORIZE(Path.WEB_AUTHORIZE),
    WEB_QRCONNECT(Path.WEB_QRCONNECT),
    WEB_ACCESS_TOKEN(Path.WEB_ACCESS_TOKEN),
    WEB_REFRESH_TOKEN(Path.WEB_REFRESH_TOKEN),
    WEB_USER_INFO(Path.WEB_USER_INFO),
    WEB_AUTH(Path.WEB_AUTH);

    /** The paths as compile-time constants, so request mappings and this enum cannot drift apart. */
    interface Path {
        String TOKEN = "/cgi-bin/token";
        String STABLE_TOKEN = "/cgi-bin/stable_token";
        String CLEAR_QUOTA = "/cgi-bin/clear_quota";
        String CODE_TO_SESSION = "/sns/jscode2session";
        String CHECK_SESSION = "/wxa/checksession";
        String RESET_SESSION_KEY = "/wxa/resetusersessionkey";
        String PHONE_NUMBER = "/wxa/business/getuserphonenumber";
        String GET_TICKET = "/cgi-bin/ticket/getticket";
        /** On open.weixin.qq.com: the web login's consent page. */
        String WEB_AUTHORIZE = "/connect/oauth2/authorize";
        /** On open.weixin.qq.com: a website app's QR login page. */
        String WEB_QRCONNECT = "/connect/qrconnect";

        String WEB_ACCESS_TOKEN = "/sns/oauth2/access_token";
        String WEB_REFRESH_TOKEN = "/sns/oauth2/refresh_token";
        String WEB_USER_INFO = "/sns/userinfo";
        String WEB_AUTH = "/sns/auth";
    }

    private final String path;

    Endpoint(String path) {
        this.path = path;
    }

    /** WeChat's path, with its leading slash: the key of the call statistics. */
    String path() {
        return path;
    }

    /** The path without its leading slash, as the fault control API names it ("cgi-bin/token"). */
    String faultKey() {
        return path.substring(1);
    }

    /** Accepts the fault key with or without a leading slash. */
    static Optional<Endpoint> fromFaultKey(String key) {
        if (key == null) {
            return Optional.empty();
        }
        String normalized = key.startsWith("/") ? key.substring(1) : key;
        return Arrays.stream(values())
                .filter(e -> e.faultKey().equals(normalized))
                .findFirst();
    }
}
