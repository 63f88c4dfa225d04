package dev.wxgate.adapters.wechat;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Internal: one call to WeChat as an adapter builds it, knowing which of its values are secret so that no message
 * ever shows them.
 */
final class WechatRequest {
    static final String MASK = "****";
    // Shorter secrets are masked by name only: scrubbing one- or two-letter values out of free text would mangle it.
    private static final int SCRUB_MIN_LENGTH = 4;

    private final Endpoint endpoint;
    private final Object jsonBody;
    private final List<Param> query = new ArrayList<>();
    private final List<String> secrets = new ArrayList<>();

    private record Param(String name, String value, boolean secret) {}

    private WechatRequest(Endpoint endpoint, Object jsonBody) {
        this.endpoint = endpoint;
        this.jsonBody = jsonBody;
    }

    static WechatRequest get(Endpoint endpoint) {
        return new WechatRequest(endpoint, null);
    }

    static WechatRequest post(Endpoint endpoint, Object jsonBody) {
        return new WechatRequest(endpoint, jsonBody);
    }

    WechatRequest param(String name, String value) {
        query.add(new Param(name, value, false));
        return this;
    }

    WechatRequest secretParam(String name, String value) {
        query.add(new Param(name, value, true));
        secrets.add(value);
        return this;
    }

    /**
     * A value no message may show that is not a query parameter: a secret in the JSON body, or one the request is
     * derived from (the session_key behind a signature). Echoes of it in an errmsg are scrubbed too.
     */
    WechatRequest secret(String value) {
        secrets.add(value);
        return this;
    }

    Endpoint endpoint() {
        return endpoint;
    }

    String method() {
        return jsonBody == null ? "GET" : "POST";
    }

    Optional<Object> jsonBody() {
        return Optional.ofNullable(jsonBody);
    }

    URI uri(String baseUrl) {
        return URI.create(baseUrl + endpoint.path() + queryString(false));
    }

    /** The request as a human may see it: method and URL, each secret query value replaced by {@value #MASK}. */
    String shown(String baseUrl) {
        return "WeChat " + method() + " " + baseUrl + endpoint.path() + queryString(true);
    }

    /** {@code text} (an errmsg, an exception's message) with every secret of this request replaced by a mask. */
    String scrub(String text) {
        if (text == null) {
            return "";
        }
        String scrubbed = text;
        for (String secret : secrets) {
            if (secret.length() >= SCRUB_MIN_LENGTH) {
                scrubbed = scrubbed.replace(secret, MASK)
                        .replace(encode(secret), MASK)
                        .replace(URLEncoder.encode(secret, StandardCharsets.UTF_8), MASK);
            }
        }
        return scrubbed;
    }

    private String queryString(boolean masked) {
        if (query.isEmpty()) {
            return "";
        }
        return query.stream()
                .map(p -> encode(p.name()) + "=" + (masked && p.secret() ? MASK : encode(p.value())))
                .collect(Collectors.joining("&", "?", ""));
    }

    /**
     * Percent-encodes a query component (RFC 3986): a space becomes {@code %20}, not the form encoding's {@code +},
     * which some servers would read as a literal plus.
     */
    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
