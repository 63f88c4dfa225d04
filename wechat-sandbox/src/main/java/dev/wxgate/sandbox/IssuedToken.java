package dev.wxgate.sandbox;

import java.time.Duration;
import java.time.Instant;

/** State: one access_token the sandbox handed out, with the instants it expires and (once replaced) stops working. */
final class IssuedToken {
    enum Kind {
        CLASSIC,
        STABLE
    }

    private final String value;
    private final String appId;
    private final Kind kind;
    private final Instant issuedAt;
    private final Instant expiresAt;
    // Written under the owning app's lock, read by any request thread without it.
    private volatile Instant revokedAt;

    IssuedToken(String value, String appId, Kind kind, Instant issuedAt, Instant expiresAt) {
        this.value = value;
        this.appId = appId;
        this.kind = kind;
        this.issuedAt = issuedAt;
        this.expiresAt = expiresAt;
    }

    String value() {
        return value;
    }

    String appId() {
        return appId;
    }

    Kind kind() {
        return kind;
    }

    Instant expiresAt() {
        return expiresAt;
    }

    Duration life() {
        return Duration.between(issuedAt, expiresAt);
    }

    Duration remainingAt(Instant now) {
        return Duration.between(now, expiresAt);
    }

    /** Never postpones: a token already cut off earlier stays cut off. */
    void revokeAt(Instant at) {
        Instant current = revokedAt;
        if (current == null || at.isBefore(current)) {
            revokedAt = at;
        }
    }

    /**
     * Why the token is refused now, or null when it works. Whichever ended it first decides the code: replaced
     * ("invalid or not latest", 40001) or expired (42001).
     */
    ErrorCode rejectionAt(Instant now) {
        Instant revoked = revokedAt;
        if (revoked != null && revoked.isBefore(expiresAt) && !now.isBefore(revoked)) {
            return ErrorCode.INVALID_CREDENTIAL;
        }
        if (!now.isBefore(expiresAt)) {
            return ErrorCode.ACCESS_TOKEN_EXPIRED;
        }
        return null;
    }

    @Override
    public String toString() {
        return "IssuedToken[" + kind + " " + appId + " " + Secrets.mask(value) + " until " + expiresAt + "]";
    }
}
