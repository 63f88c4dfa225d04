package dev.wxgate.sandbox;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The push tool: sends a message to a callback URL exactly as WeChat would (query signed, body in the chosen mode and
 * format, encrypted where the mode says so, WeChat's 5 s timeout, the same delivery repeated, or retried as WeChat does
 * when unanswered); each reply is read back by {@link CallbackDelivery}.
 */
final class CallbackPush {
    static final int MAX_REPEAT = 3;

    /** JSON text of a map and back; the edge supplies it, so this class stays free of any JSON library. */
    interface JsonCodec {
        String write(Map<String, ?> object);

        /** The text as a JSON object, or empty when it is not one. */
        Optional<Map<String, Object>> read(String text);
    }

    /**
     * One push.
     *
     * @param message the fields, in order (strings, numbers, nested maps); null for the default text message
     * @param encodingAesKey required in the encrypted modes; in plaintext mode only used to read an encrypted reply
     * @param timestamp null for now (wall-clock seconds)
     * @param nonce null for a random one
     * @param repeat 1 to 3 identical deliveries; with {@code retry}, at most that many
     * @param retry as WeChat retries: the next delivery only when the last got no answer (none within 5 s, or a
     *     5xx), the same push again
     */
    record Request(
            String appId,
            URI url,
            String token,
            String encodingAesKey,
            CallbackMode mode,
            CallbackFormat format,
            Map<String, Object> message,
            String timestamp,
            String nonce,
            int repeat,
            boolean retry) {
        @Override
        public String toString() {
            return "Request[appId=" + appId + ", url=" + url + ", mode=" + mode + ", format=" + format + ", repeat="
                    + repeat + ", retry=" + retry + "]";
        }
    }

    /** What was sent (the full URL with its query, the content type, the body) and every delivery. */
    record Report(String sentUrl, String contentType, String sentBody, List<CallbackDelivery> deliveries) {}

    private final CallbackHttp http;
    private final JsonCodec json;
    private final Clock clock;
    private final SecureRandom random;

    CallbackPush(CallbackHttp http, JsonCodec json, Clock clock, SecureRandom random) {
        this.http = http;
        this.json = json;
        this.clock = clock;
        this.random = random;
    }

    /** The target: an absolute http or https URL with a host; anything else is refused, so this is no open proxy. */
    static URI target(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw SandboxInputException.invalid("url is not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw SandboxInputException.invalid("url must be an http or https URL");
        }
        if (uri.getHost() == null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
            throw SandboxInputException.invalid(
                    "url must be http(s)://host[:port]/path, with no user info or fragment");
        }
        return uri;
    }

    /** WeChat's default-looking text message for an app: its gh_ id, a stable openid, "hello", a random MsgId. */
    Map<String, Object> defaultMessage(String appId, long createTime) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("ToUserName", originalId(appId));
        message.put("FromUserName", openid(appId));
        message.put("CreateTime", createTime);
        message.put("MsgType", "text");
        message.put("Content", "hello");
        message.put("MsgId", random.nextLong() & Long.MAX_VALUE);
        return message;
    }

    Report push(Request request) {
        CallbackCrypto crypto = request.encodingAesKey() == null
                ? null
                : new CallbackCrypto(request.encodingAesKey(), request.appId(), random);
        if (request.mode().encrypted() && crypto == null) {
            throw SandboxInputException.invalid(
                    "encodingAesKey is required in " + request.mode().wireName() + " mode");
        }
        String timestamp = request.timestamp() != null
                ? request.timestamp()
                : Long.toString(clock.instant().getEpochSecond());
        String nonce = request.nonce() != null ? request.nonce() : Integer.toString(random.nextInt(1 << 30) + 1);
        Map<String, Object> message =
                request.message() != null ? request.message() : defaultMessage(request.appId(), createTime(timestamp));

        String plain = write(request.format(), message);
        StringBuilder query = new StringBuilder();
        param(query, "signature", CallbackCrypto.signature(request.token(), timestamp, nonce));
        param(query, "timestamp", timestamp);
        param(query, "nonce", nonce);
        if (message.get("FromUserName") instanceof String openid) {
            param(query, "openid", openid);
        }
        String body = plain;
        if (request.mode().encrypted()) {
            String encrypt = crypto.encrypt(plain);
            param(query, "encrypt_type", "aes");
            param(query, "msg_signature", CallbackCrypto.signature(request.token(), timestamp, nonce, encrypt));
            Map<String, Object> envelope = new LinkedHashMap<>();
            if (request.mode() == CallbackMode.COMPATIBLE) {
                envelope.putAll(message);
            } else {
                Object to = message.get("ToUserName");
                envelope.put("ToUserName", to != null ? to : originalId(request.appId()));
            }
            envelope.put("Encrypt", encrypt);
            body = write(request.format(), envelope);
        }
        URI target = withQuery(request.url(), query.toString());
        List<CallbackDelivery> deliveries = new ArrayList<>();
        for (int i = 0; i < request.repeat(); i++) {
            CallbackHttp.Answer answer = http.post(target, request.format().contentType, body);
            deliveries.add(CallbackDelivery.of(answer, request.token(), crypto, message, json));
            if (request.retry() && answer.status() != null && answer.status() < 500) {
                break;
            }
        }
        return new Report(target.toString(), request.format().contentType, body, List.copyOf(deliveries));
    }

    private String write(CallbackFormat format, Map<String, Object> message) {
        return format == CallbackFormat.XML ? CallbackXml.write(message) : json.write(message);
    }

    private long createTime(String timestamp) {
        try {
            return Long.parseLong(timestamp);
        } catch (NumberFormatException e) {
            return clock.instant().getEpochSecond();
        }
    }

    private static void param(StringBuilder query, String name, String value) {
        if (!query.isEmpty()) {
            query.append('&');
        }
        query.append(name).append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8));
    }

    private static URI withQuery(URI url, String query) {
        String base = url.toString();
        return URI.create(base + (url.getRawQuery() == null ? "?" : "&") + query);
    }

    /** An official account's original id, gh_ and 12 hex digits, stable per app. */
    static String originalId(String appId) {
        return "gh_" + HexFormat.of().formatHex(Secrets.sha256("gh:" + appId)).substring(0, 12);
    }

    /** A 28-character openid, stable per app: the default sender. */
    static String openid(String appId) {
        return "o"
                + Base64.getUrlEncoder()
                        .withoutPadding()
                        .encodeToString(Secrets.sha256("openid:" + appId))
                        .substring(0, 27);
    }
}
