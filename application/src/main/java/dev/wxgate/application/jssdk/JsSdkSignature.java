package dev.wxgate.application.jssdk;

import dev.wxgate.domain.app.AppId;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * What a page passes to {@code wx.config}: the app id, the timestamp (seconds) and nonce it signed with, and the
 * signature, the lowercase hex SHA-1 of {@code jsapi_ticket=<ticket>&noncestr=<nonce>&timestamp=<ts>&url=<url>} in
 * exactly that order, the URL as the page has it without its fragment, as WeChat's JS-SDK documentation specifies.
 */
public record JsSdkSignature(AppId appId, long timestamp, String nonceStr, String signature) {

    /** WeChat's signature of {@code url} with {@code jsapiTicket}, {@code nonceStr} and {@code timestamp}. */
    public static String sign(String jsapiTicket, String nonceStr, long timestamp, String url) {
        String plain =
                "jsapi_ticket=" + jsapiTicket + "&noncestr=" + nonceStr + "&timestamp=" + timestamp + "&url=" + url;
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-1").digest(plain.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("SHA-1 is part of every JDK", impossible);
        }
    }
}
