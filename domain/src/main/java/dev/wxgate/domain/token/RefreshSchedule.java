package dev.wxgate.domain.token;

import java.time.Duration;
import java.time.Instant;

/**
 * When a credential may be handed out, and when it is due for a refresh ahead of its expiry. The same rules hold for
 * every kind: WeChat's tokens and tickets all live about two hours.
 *
 * @param refreshMargin refresh this long before expiry, but never before half the credential's life has passed
 */
public record RefreshSchedule(Duration refreshMargin) {
    /**
     * A credential is no longer handed out this close to its expiry (a tenth of its life, at most 10 s), so a caller
     * never receives one that dies in its hands.
     */
    public static final Duration MAX_EXPIRY_SKEW = Duration.ofSeconds(10);

    public RefreshSchedule {
        if (refreshMargin == null || refreshMargin.isNegative()) {
            throw new IllegalArgumentException("refreshMargin must be zero or positive");
        }
    }

    /** Whether {@code credential} may still be handed to a caller at {@code now}. */
    public boolean usable(Credential credential, Instant now) {
        return credential.remainingAt(now).compareTo(skew(credential)) > 0;
    }

    /** Whether {@code credential} should be refreshed ahead of its expiry at {@code now}. */
    public boolean due(Credential credential, Instant now) {
        return !now.isBefore(refreshAt(credential));
    }

    /**
     * When to refresh ahead: {@code refreshMargin} before expiry, but not before half the credential's life has
     * passed. The second bound keeps short test lifetimes sane, and stops a stable-mode token that WeChat re-issues
     * unchanged near its end from being fetched again and again: each fetch halves the wait to the next one.
     */
    public Instant refreshAt(Credential credential) {
        Duration skew = skew(credential);
        Duration margin = refreshMargin.compareTo(skew) > 0 ? refreshMargin : skew;
        Instant halfLife = credential.fetchedAt().plus(credential.lifetime().dividedBy(2));
        Instant marginBefore = credential.expiresAt().minus(margin);
        return marginBefore.isAfter(halfLife) ? marginBefore : halfLife;
    }

    private static Duration skew(Credential credential) {
        Duration tenth = credential.lifetime().dividedBy(10);
        return tenth.compareTo(MAX_EXPIRY_SKEW) < 0 ? tenth : MAX_EXPIRY_SKEW;
    }
}
