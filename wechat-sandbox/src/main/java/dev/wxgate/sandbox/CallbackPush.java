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
 * format, encrypted where the mode says so, WeChat's 5 s timeout, the same delivery repeated, or retried as WeChat does when unanswered), and
 * reads the reply back: {@code success}, a plaintext reply, or an encrypted one, verified and decrypted.
 */
final class CallbackPush {
    static final int MAX_REPEAT = 3;

    /** The message-encryption mode chosen in WeChat's admin. */
    enum Mode {
        PLAINTEXT,
        COMPATIBLE,
        SAFE;

        static Optional<Mode> of(String name) {
            for (Mode mode : values()) {
                if (mode.wireName().equals(name)) {
                    return Optional.of(mode);
                }
            }
            return Optional.empty();
        }

        String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        boolean encrypted() {
            return this != PLAINTEXT;
        }
    }

    /** The data format chosen in WeChat's admin (JSON for mini-programs configured so). */
    enum Format {
        XML("text/xml"),
        JSON("application/json");

        final String contentType;

        Format(String contentType) {
            this.contentType = contentType;
        }

        static Optional<Format> of(String name) {
            for (Format format : values()) {
                if (format.wireName().equals(name)) {
                    return Optional.of(format);
                }
            }
            return Optional.empty();
        }

        String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

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
            Mode mode,
            Format format,
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

    /**
     * One delivery and what came back: {@code status} null with {@code error} when nothing came back; {@code reply}
     * "success", the plaintext reply, or the decrypted one (then {@code replySignatureValid} says whether its
     * MsgSignature held); {@code replyError} when a 2xx reply could not be read. A reply that is a message comes
     * with {@link CallbackReply}'s view of it: its fields as a tree, whether it is addressed back, what WeChat would
     * refuse in it.
     */
    record Delivery(
            Integer status,
            long elapsedMillis,
            String rawReply,
            String reply,
            Boolean replySignatureValid,
            String replyError,
            String error,
            CallbackReply shown) {

        static Delivery failed(CallbackHttp.Answer answer) {
            return new Delivery(
                    answer.status(), answer.elapsedMillis(), answer.body(), null, null, null, answer.error(), null);
        }

        static Delivery unreadable(CallbackHttp.Answer answer, Boolean signatureValid, String why) {
            return new Delivery(
                    answer.status(),
                    answer.elapsedMillis(),
                    answer.body(),
                    null,
                    signatureValid,
                    why,
                    answer.error(),
                    null);
        }

        static Delivery read(CallbackHttp.Answer answer, String reply, Boolean signatureValid, CallbackReply shown) {
            return new Delivery(
                    answer.status(),
                    answer.elapsedMillis(),
                    answer.body(),
                    reply,
                    signatureValid,
                    null,
                    answer.error(),
                    shown);
        }
    }

    /** What was sent (the full URL with its query, the content type, the body) and every delivery. */
    record Report(String sentUrl, String contentType, String sentBody, List<Delivery> deliveries) {}

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
            if (request.mode() == Mode.COMPATIBLE) {
                envelope.putAll(message);
            } else {
                Object to = message.get("ToUserName");
                envelope.put("ToUserName", to != null ? to : originalId(request.appId()));
            }
            envelope.put("Encrypt", encrypt);
            body = write(request.format(), envelope);
        }
        URI target = withQuery(request.url(), query.toString());
        List<Delivery> deliveries = new ArrayList<>();
        for (int i = 0; i < request.repeat(); i++) {
            CallbackHttp.Answer answer = http.post(target, request.format().contentType, body);
            deliveries.add(read(answer, request.token(), crypto, message));
            if (request.retry() && answer.status() != null && answer.status() < 500) {
                break;
            }
        }
        return new Report(target.toString(), request.format().contentType, body, List.copyOf(deliveries));
    }

    private Delivery read(
            CallbackHttp.Answer answer, String token, CallbackCrypto crypto, Map<String, Object> message) {
        if (answer.status() == null || answer.status() < 200 || answer.status() > 299) {
            return Delivery.failed(answer);
        }
        String text = answer.body().strip();
        if (text.isEmpty() || text.equals("success")) {
            return Delivery.read(answer, "success", null, null);
        }
        Optional<Map<String, Object>> fields = tree(text);
        if (fields.isEmpty()) {
            return Delivery.unreadable(
                    answer, null, "the reply is neither success nor well-formed XML or JSON (DOCTYPE refused)");
        }
        if (!(fields.get().get("Encrypt") instanceof String encrypt)) {
            return Delivery.read(answer, text, null, CallbackReply.of(fields.get(), message));
        }
        if (crypto == null) {
            return Delivery.unreadable(answer, null, "an encrypted reply, but no encodingAesKey was given");
        }
        Object stamp = fields.get().get("TimeStamp");
        Object nonce = fields.get().get("Nonce");
        boolean valid = stamp != null
                && nonce != null
                && CallbackCrypto.signatureMatches(
                        CallbackCrypto.signature(token, String.valueOf(stamp), String.valueOf(nonce), encrypt),
                        String.valueOf(fields.get().get("MsgSignature")));
        String opened;
        try {
            opened = crypto.decrypt(encrypt);
        } catch (CallbackCrypto.Failure e) {
            return Delivery.unreadable(answer, valid, "the encrypted reply does not decrypt: " + e.getMessage());
        }
        Optional<Map<String, Object>> inner = tree(opened.strip());
        CallbackReply shown = inner.map(reply -> CallbackReply.of(reply, message))
                .orElseGet(
                        () -> new CallbackReply(Map.of(), false, "the decrypted reply is not well-formed XML or JSON"));
        return Delivery.read(answer, opened, valid, shown);
    }

    /** An XML or JSON document as a tree, or empty when it is neither. */
    private Optional<Map<String, Object>> tree(String text) {
        if (text.startsWith("<")) {
            return CallbackXml.readTree(text);
        }
        return text.startsWith("{") ? json.read(text) : Optional.empty();
    }

    private String write(Format format, Map<String, Object> message) {
        return format == Format.XML ? CallbackXml.write(message) : json.write(message);
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
