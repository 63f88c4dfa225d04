package dev.wxgate.adapters.web.internal;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.springframework.http.HttpHeaders;

/**
 * Adapter helper: where a client's key is read from a request, per surface. The token API takes
 * {@code Authorization: Bearer <key>}; introspection also takes HTTP Basic {@code client id : key} as OAuth 2 clients
 * send it (RFC 6749 §2.3.1: form-urlencoded, then Base64); gateways send {@code X-Wxgate-Client-Key}, because the
 * request's {@code Authorization} is the user's.
 */
final class ClientCredentials {
    static final String GATEWAY_KEY_HEADER = "X-Wxgate-Client-Key";
    private static final String BEARER = "Bearer ";
    private static final String BASIC = "Basic ";
    /** No configured key is this long; a longer header is refused before any decoding. */
    private static final int MAX_CREDENTIALS = 1024;

    private ClientCredentials() {}

    /**
     * What a request presented: the key candidates to try (the key as sent and, for Basic, URL-decoded) and, for
     * Basic, the client id that must own the key.
     */
    record Presented(Optional<String> clientId, List<String> keys) {}

    /** How one surface reads credentials; empty when none were presented or they were malformed. */
    @FunctionalInterface
    interface Source {
        Optional<Presented> from(HttpServletRequest request);
    }

    static Optional<Presented> bearer(HttpServletRequest request) {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null
                || header.length() <= BEARER.length()
                || header.length() > MAX_CREDENTIALS
                || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Optional.empty();
        }
        return key(header.substring(BEARER.length()).trim());
    }

    static Optional<Presented> bearerOrBasic(HttpServletRequest request) {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header != null && header.regionMatches(true, 0, BASIC, 0, BASIC.length())) {
            return basic(header.substring(BASIC.length()).trim());
        }
        return bearer(request);
    }

    static Optional<Presented> gatewayHeader(HttpServletRequest request) {
        String header = request.getHeader(GATEWAY_KEY_HEADER);
        if (header == null || header.length() > MAX_CREDENTIALS) {
            return Optional.empty();
        }
        return key(header.trim());
    }

    private static Optional<Presented> key(String key) {
        return key.isEmpty() ? Optional.empty() : Optional.of(new Presented(Optional.empty(), List.of(key)));
    }

    private static Optional<Presented> basic(String encoded) {
        if (encoded.isEmpty() || encoded.length() > MAX_CREDENTIALS) {
            return Optional.empty();
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
        int colon = decoded.indexOf(':');
        if (colon <= 0 || colon == decoded.length() - 1) {
            return Optional.empty();
        }
        Optional<String> id = formDecoded(decoded.substring(0, colon));
        if (id.isEmpty()) {
            return Optional.empty();
        }
        String secret = decoded.substring(colon + 1);
        // Older Spring Security sends the key as is, newer versions form-encode it first (as RFC 6749 asks):
        // a key with '+', '/' or '=' arrives either way, so both readings are tried.
        List<String> keys = new ArrayList<>(2);
        keys.add(secret);
        formDecoded(secret).filter(other -> !other.equals(secret)).ifPresent(keys::add);
        return Optional.of(new Presented(id, List.copyOf(keys)));
    }

    private static Optional<String> formDecoded(String text) {
        try {
            return Optional.of(URLDecoder.decode(text, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException malformed) {
            return Optional.empty();
        }
    }
}
