package dev.wxgate.adapters.web.internal;

import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One key of an internal client: the SHA-256 of the key (the key itself is never configured on wxgate) and, for a key
 * being retired, the instant after which it is refused ({@code not-after}). Its fingerprint, the first 8 hex digits of
 * the hash, names it in logs and metrics.
 */
public record ClientKey(byte[] sha256, Optional<Instant> notAfter) {
    private static final Pattern HEX_SHA256 = Pattern.compile("[0-9a-fA-F]{64}");

    public ClientKey {
        if (sha256 == null || sha256.length != 32) {
            throw new IllegalArgumentException("key-sha256 must be the 32-byte SHA-256 of the key");
        }
        sha256 = sha256.clone();
        notAfter = notAfter == null ? Optional.empty() : notAfter;
    }

    /** Parses {@code sha256Hex} (64 hex digits); {@code notAfter} may be null (the key never expires). */
    public static ClientKey of(String sha256Hex, Instant notAfter) {
        if (sha256Hex == null || !HEX_SHA256.matcher(sha256Hex).matches()) {
            throw new IllegalArgumentException("key-sha256 must be 64 hex digits (the SHA-256 of the key)");
        }
        return new ClientKey(HexFormat.of().parseHex(sha256Hex), Optional.ofNullable(notAfter));
    }

    /** Whether the key is refused at {@code now}: past its not-after. */
    public boolean isExpiredAt(Instant now) {
        return notAfter.filter(end -> now.isAfter(end)).isPresent();
    }

    /** The first 8 hex digits of the key's SHA-256: names the key without being it. */
    public String fingerprint() {
        return HexFormat.of().formatHex(sha256, 0, 4);
    }

    @Override
    public byte[] sha256() {
        return sha256.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ClientKey that && java.util.Arrays.equals(sha256, that.sha256);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(sha256);
    }

    @Override
    public String toString() {
        return "ClientKey[" + fingerprint()
                + notAfter.map(end -> ", not-after " + end).orElse("") + "]";
    }
}
