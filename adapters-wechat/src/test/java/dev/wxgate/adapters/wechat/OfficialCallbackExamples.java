package dev.wxgate.adapters.wechat;

/** WeChat's published callback examples (developers.weixin.qq.com, "消息推送"): token AAAAA, key 43 × A. */
final class OfficialCallbackExamples {
    private OfficialCallbackExamples() {}

    static final String TOKEN = "AAAAA";
    static final String AES_KEY = "A".repeat(43);

    /** URL verification. */
    static final String GET_TIMESTAMP = "1714036504";

    static final String GET_NONCE = "1514711492";
    static final String GET_SIGNATURE = "f464b24fc39322e44b38aa78f5edd27bd1441696";

    /** Safe mode, XML, for the third-party platform wx134c8103faa5a59e. */
    static final String XML_APP_ID = "wx134c8103faa5a59e";

    static final String XML_TIMESTAMP = "1715943329";
    static final String XML_NONCE = "1590219412";
    static final String XML_SIGNATURE = "cc0c594499c1634947d5b502f158ee518947db27";
    static final String XML_MSG_SIGNATURE = "6c12a4205838198b8fa631b3220723bb07f1015c";
    static final String XML_ENCRYPT =
            "D7yzvUNAL930rd28wf21s4hvXhz0L6Uit/p2Di6C5DHyYGpEgdBRnKjBec34JwoQXicwaZC7fOVihW80F4VtsdvE//1vr7oAbqjDv8Ke"
                    + "nVp+ajKYpJnyQ4zMRhIC+a31fCVOMC03FfzV/QuC94kBP55a+Za3sJgvAn+ZbsNqZI5DkyuzkhQN8OBqCzFhizGmy0xpM0ME"
                    + "A4agpvE+RuNO1rhHTtuJB5yltw1FiYzecSXJ+y/D2r81VkRn2eYjh2ltsoyfbDR7Is6ookXIFxTfyeNyeHxMeT4KN5WpCDmSb"
                    + "TcUYrbBUlkGLJ9n/rU8YOywma6G7aTb7KZKOqCxgfoUlYEZPk4FUL/TK7ShriFDMVCLyjQJ15Ob++agDWtcxhfUfe6HIoIpRW8"
                    + "mKNBQiY/Jd1svvuskA1wLef1RTtzKfMpagSCX/laZINmdnX4zrF6kIaR9P4xQrWXbsTFHTYe0Mg==";
    static final String XML_BODY = "<xml>\n    <ToUserName><![CDATA[gh_97417a04a28d]]></ToUserName>\n"
            + "    <Encrypt><![CDATA[" + XML_ENCRYPT + "]]></Encrypt>\n</xml>";

    /** The example's encrypted reply: fixed random prefix, timestamp and nonce. */
    static final String REPLY_RANDOM = "999951349e8ee746";

    static final String REPLY_MESSAGE = "<xml><demo_resp>[CDATA[good luck]]</demo_resp></xml>";
    static final String REPLY_TIMESTAMP = "1713424427";
    static final String REPLY_NONCE = "415670741";
    static final String REPLY_ENCRYPT = "hE8R6mGXHkJJjU72KxzKUd1GEkKJaEZq7vRL8XgK3o+00k8JGq6+pZJUIlTSyhsX+bxIBQ72g3"
            + "GyvDdIZcr6+3HAZbSvPT9t/o11MI7d6WELwqrGd7jMnV0zv3Zc9Nq7";
    static final String REPLY_SIGNATURE = "03e0812039325c2712ef5f0f980fd14c70d6e307";

    /** Safe mode, JSON, for the mini-program wxba5fad812f8e6fb9. */
    static final String JSON_APP_ID = "wxba5fad812f8e6fb9";

    static final String JSON_TIMESTAMP = "1714112445";
    static final String JSON_NONCE = "415670741";
    static final String JSON_MSG_SIGNATURE = "046e02f8204d34f8ba5fa3b1db94908f3df2e9b3";
    static final String JSON_ENCRYPT =
            "+qdx1OKCy+5JPCBFWw70tm0fJGb2Jmeia4FCB7kao+/Q5c/ohsOzQHi8khUOb05JCpj0JB4RvQMkUyus8TPxLKJGQqcvZqzDpVzazhZv"
                    + "6JsXUnnR8XGT740XgXZUXQ7vJVnAG+tE8NUd4yFyjPy7GgiaviNrlCTj+l5kdfMuFUPpRSrfMZuMcp3Fn2Pede2IuQrKEYwKSq"
                    + "FIZoNqJ4M8EajAsjLY2km32IIjdf8YL/P50F7mStwntrA2cPDrM1kb6mOcfBgRtWygb3VIYnSeOBrebufAlr7F9mFUPAJGj04=";
    static final String JSON_MESSAGE = "{\"ToUserName\":\"gh_97417a04a28d\",\"FromUserName\":"
            + "\"o9AgO5Kd5ggOC-bXrbNODIiE3bGY\",\"CreateTime\":1714112445,\"MsgType\":\"event\",\"Event\":"
            + "\"debug_demo\",\"debug_str\":\"hello world\"}";
}
