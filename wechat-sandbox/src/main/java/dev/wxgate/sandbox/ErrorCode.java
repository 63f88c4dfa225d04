package dev.wxgate.sandbox;

/**
 * Value: the WeChat error codes the sandbox answers, with WeChat's own message text (the " rid: ..." suffix is added
 * when the answer is written).
 */
enum ErrorCode {
    SYSTEM_ERROR(-1, "system error"),
    // The message is what WeChat sends today (seen in community reports), hint link included.
    INVALID_CREDENTIAL(
            40001,
            "invalid credential, access_token is invalid or not latest, could get access_token by"
                    + " getStableAccessToken, more details at https://mmbizurl.cn/s/JtxxFh33r"),
    INVALID_GRANT_TYPE(40002, "invalid grant_type"),
    INVALID_OPENID(40003, "invalid openid"),
    INVALID_APPID(40013, "invalid appid"),
    INVALID_ACCESS_TOKEN(40014, "invalid access_token"),
    INVALID_CODE(40029, "invalid code"),
    INVALID_REFRESH_TOKEN(40030, "invalid refresh_token"),
    INVALID_ARGS(40097, "invalid args"),
    INVALID_APPSECRET(40125, "invalid appsecret"),
    INVALID_IP(40164, "invalid ip, not in whitelist"),
    CODE_BEEN_USED(40163, "code been used"),
    // The message names the caller's address; IpRules writes it.
    IP_NOT_IN_WHITELIST(40164, "invalid ip, not in whitelist"),
    HIGH_RISK_USER(40226, "high risk user, login blocked"),
    ACCESS_TOKEN_MISSING(41001, "access_token missing"),
    APPID_MISSING(41002, "appid missing"),
    REFRESH_TOKEN_MISSING(41003, "refresh_token missing"),
    APPSECRET_MISSING(41004, "appsecret missing"),
    CODE_MISSING(41008, "missing code"),
    OPENID_MISSING(41009, "missing openid"),
    ACCESS_TOKEN_EXPIRED(42001, "access_token expired"),
    REFRESH_TOKEN_EXPIRED(42002, "refresh_token expired"),
    REQUIRE_GET(43001, "require GET method"),
    REQUIRE_POST(43002, "require POST method"),
    DAILY_QUOTA(45009, "reach max api daily quota limit"),
    MINUTE_QUOTA(45011, "api minute-quota reach limit mustslower retry next minute"),
    DATA_FORMAT_ERROR(47001, "data format error"),
    API_UNAUTHORIZED(48001, "api unauthorized"),
    CLEAR_QUOTA_LIMIT(48006, "forbid to clear quota because of reaching the limit"),
    INVALID_SIG_METHOD(87008, "invalid sig_method"),
    INVALID_SIGNATURE(87009, "invalid signature"),
    IP_NEEDS_CONFIRMATION(89503, "此IP调用需要管理员确认,请联系管理员");

    private final int errcode;
    private final String message;

    ErrorCode(int errcode, String message) {
        this.errcode = errcode;
        this.message = message;
    }

    /** The code answering {@code errcode}, if the sandbox knows it. */
    static java.util.Optional<ErrorCode> of(int errcode) {
        return java.util.Arrays.stream(values())
                .filter(code -> code.errcode == errcode)
                .findFirst();
    }

    int errcode() {
        return errcode;
    }

    String message() {
        return message;
    }
}
