package dev.wxgate.adapters.web.security;

import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Who may read the metrics ({@code /actuator/prometheus}): on the main port, a scraper presenting the key whose
 * SHA-256 is configured ({@code Authorization: Bearer <key>}), compared in constant time; without a configured key,
 * nobody. On the management port, when one of its own is configured, anyone: that port is meant to be reachable by
 * the scraper alone, so a key there would be one more secret to hand out for nothing.
 */
public final class MetricsAccess {
    private static final Pattern HEX_SHA256 = Pattern.compile("[0-9a-fA-F]{64}");
    private static final String BEARER = "Bearer ";

    private final Optional<byte[]> keySha256;
    private final Supplier<OptionalInt> managementPort;

    /**
     * @param keySha256Hex the SHA-256 of the key, 64 hex digits; empty for none
     * @param managementPort the management server's own port once it listens, empty when it shares the main port
     */
    public MetricsAccess(Optional<String> keySha256Hex, Supplier<OptionalInt> managementPort) {
        keySha256Hex.ifPresent(hex -> {
            if (!HEX_SHA256.matcher(hex).matches()) {
                throw new IllegalArgumentException(
                        "wxgate.metrics.key-sha256 must be 64 hex digits (the SHA-256 of the key)");
            }
        });
        this.keySha256 = keySha256Hex.map(HexFormat.of()::parseHex);
        this.managementPort = managementPort;
    }

    /** No key and no management port: the metrics are closed on the main port. */
    public static MetricsAccess closed() {
        return new MetricsAccess(Optional.empty(), OptionalInt::empty);
    }

    public boolean keyConfigured() {
        return keySha256.isPresent();
    }

    public boolean allows(HttpServletRequest request) {
        OptionalInt management = managementPort.get();
        if (management.isPresent() && management.getAsInt() == request.getLocalPort()) {
            return true;
        }
        String authorization = request.getHeader("Authorization");
        if (keySha256.isEmpty()
                || authorization == null
                || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return false;
        }
        String presented = authorization.substring(BEARER.length()).strip();
        return !presented.isEmpty() && MessageDigest.isEqual(keySha256.get(), sha256(presented));
    }

    private static byte[] sha256(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("every JDK has SHA-256", impossible);
        }
    }
}
