package dev.wxgate.domain.token;

import dev.wxgate.domain.Require;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Pattern;

/**
 * An app's access_token as WeChat issued it, with when it was fetched and when it stops working. Its
 * {@code toString()} shows only the first and last four characters.
 */
public record AccessToken(String value, Instant fetchedAt, Instant expiresAt) implements Credential {
    // WeChat asks callers to reserve at least 512 characters; tokens are printable ASCII without spaces.
    private static final Pattern SHAPE = Pattern.compile("[\\x21-\\x7e]{1,2048}");

    public AccessToken {
        Require.matches(value, SHAPE, "accessToken", "1 to 2048 printable characters");
        Require.present(fetchedAt, "fetchedAt");
        Require.present(expiresAt, "expiresAt");
        if (!expiresAt.isAfter(fetchedAt)) {
            throw new IllegalArgumentException("expiresAt must be after fetchedAt");
        }
    }

    public static AccessToken issued(String value, Instant fetchedAt, Duration expiresIn) {
        return new AccessToken(value, fetchedAt, fetchedAt.plus(expiresIn));
    }

    public boolean isValidAt(Instant now) {
        return now.isBefore(expiresAt);
    }

    @Override
    public String toString() {
        return "AccessToken[" + masked() + ", fetchedAt=" + fetchedAt + ", expiresAt=" + expiresAt + "]";
    }
}
