package dev.wxgate.callback;

import dev.wxgate.adapters.wechat.WechatMessageCrypto;
import dev.wxgate.domain.callback.CallbackSignature;
import dev.wxgate.domain.callback.MessageFormat;
import dev.wxgate.domain.callback.SecurityMode;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Sends callbacks to wxgate as WeChat would, built by hand in each mode and format; the test's own WeChat. */
final class WechatPush {
    private static final AtomicLong NONCES = new AtomicLong(System.nanoTime() % 1_000_000_000L);
    static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newHttpClient();
    private final int port;

    WechatPush(int port) {
        this.port = port;
    }

    /** What came back; {@code headers} without {@code Date}, which differs by the second. */
    record Reply(int status, String body, String contentType, Map<String, List<String>> headers) {
        JsonNode json() {
            return JSON.readTree(body);
        }
    }

    static String nonce() {
        return Long.toString(NONCES.incrementAndGet());
    }

    static String now() {
        return Long.toString(System.currentTimeMillis() / 1000);
    }

    static String textXml(String msgId, String content) {
        return "<xml><ToUserName><![CDATA[gh_97417a04a28d]]></ToUserName>"
                + "<FromUserName><![CDATA[oUser1]]></FromUserName><CreateTime>" + now() + "</CreateTime>"
                + "<MsgType><![CDATA[text]]></MsgType><Content><![CDATA[" + content.replace("]]>", "]]]]><![CDATA[>")
                + "]]></Content>"
                + "<MsgId>" + msgId + "</MsgId></xml>";
    }

    static String textJson(String msgId, String content) {
        return JSON.writeValueAsString(Map.of(
                "ToUserName",
                "gh_97417a04a28d",
                "FromUserName",
                "oUser1",
                "CreateTime",
                Long.parseLong(now()),
                "MsgType",
                "text",
                "Content",
                content,
                "MsgId",
                Long.parseLong(msgId)));
    }

    static String text(MessageFormat format, String msgId, String content) {
        return format == MessageFormat.XML ? textXml(msgId, content) : textJson(msgId, content);
    }

    /** The body WeChat sends for {@code message} in {@code mode}, and the query that signs it. */
    record Signed(String query, String body) {}

    static Signed sign(
            SecurityMode mode,
            MessageFormat format,
            String message,
            String token,
            WechatMessageCrypto crypto,
            String timestamp,
            String nonce) {
        String signature = CallbackSignature.of(token, timestamp, nonce);
        String query = "signature=" + signature + "&timestamp=" + timestamp + "&nonce=" + nonce + "&openid=oUser1";
        if (mode == SecurityMode.PLAINTEXT) {
            return new Signed(query, message);
        }
        String encrypted = crypto.encrypt(message);
        String msgSignature = CallbackSignature.of(token, timestamp, nonce, encrypted);
        query += "&encrypt_type=aes&msg_signature=" + msgSignature;
        String body;
        if (format == MessageFormat.XML) {
            String clear = mode == SecurityMode.COMPATIBLE ? message.replace("</xml>", "") : "<xml>";
            if (mode == SecurityMode.SAFE) {
                clear += "<ToUserName><![CDATA[gh_97417a04a28d]]></ToUserName>";
            }
            body = clear + "<Encrypt><![CDATA[" + encrypted + "]]></Encrypt></xml>";
        } else {
            Map<String, Object> fields = new java.util.LinkedHashMap<>();
            if (mode == SecurityMode.COMPATIBLE) {
                JSON.readTree(message).properties().forEach(f -> fields.put(f.getKey(), f.getValue()));
            } else {
                fields.put("ToUserName", "gh_97417a04a28d");
            }
            fields.put("Encrypt", encrypted);
            body = JSON.writeValueAsString(fields);
        }
        return new Signed(query, body);
    }

    Reply get(String appId, String query) {
        return send(HttpRequest.newBuilder(uri(appId, query)).GET().build());
    }

    Reply post(String appId, String query, String body) {
        return post(appId, query, body.getBytes(StandardCharsets.UTF_8));
    }

    Reply post(String appId, String query, byte[] body) {
        return post(appId, query, body, "text/xml");
    }

    /** Posts with the given Content-Type, or none at all when {@code contentType} is null. */
    Reply post(String appId, String query, byte[] body, String contentType) {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(uri(appId, query)).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return send(request.build());
    }

    /** Without a declared length: the body streams in chunks. */
    Reply postChunked(String appId, String query, byte[] body) {
        return send(HttpRequest.newBuilder(uri(appId, query))
                .header("Content-Type", "text/xml")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
                .build());
    }

    static String q(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private URI uri(String appId, String query) {
        return URI.create("http://localhost:" + port + "/wx/callback/" + appId + (query == null ? "" : "?" + query));
    }

    private Reply send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            headers.putAll(response.headers().map());
            headers.remove("Date");
            return new Reply(
                    response.statusCode(),
                    response.body(),
                    response.headers().firstValue("Content-Type").orElse(""),
                    headers);
        } catch (Exception failure) {
            throw new AssertionError("the callback request failed", failure);
        }
    }
}
