package dev.wxgate.domain.audit;

import dev.wxgate.domain.app.AppId;
import dev.wxgate.domain.token.CredentialKind;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.regex.Pattern;

/**
 * How many times one internal client read one app's credential (its access_token or a JS-SDK ticket) in one hour: the
 * audit of ordinary reads, one count per client, app, credential and hour rather than one entry per read.
 *
 * @param hour the start of the hour (UTC, whole hours only)
 * @param client the client's id, as configured in {@code wxgate.clients}
 * @param appId whose credential was read
 * @param credential which credential
 * @param reads how many reads, at least 1
 */
public record TokenReadCount(Instant hour, String client, AppId appId, CredentialKind credential, long reads) {
    private static final Pattern CLIENT = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    public TokenReadCount {
        if (hour == null || !hour.truncatedTo(ChronoUnit.HOURS).equals(hour)) {
            throw new IllegalArgumentException("hour must be the start of an hour");
        }
        if (client == null || !CLIENT.matcher(client).matches()) {
            throw new IllegalArgumentException("client must be 1 to 64 letters, digits, '.', '_' or '-'");
        }
        if (appId == null || credential == null) {
            throw new IllegalArgumentException("appId and credential are required");
        }
        if (reads < 1) {
            throw new IllegalArgumentException("reads must be at least 1");
        }
    }

    /** The hour {@code at} falls in. */
    public static Instant hourOf(Instant at) {
        return at.truncatedTo(ChronoUnit.HOURS);
    }
}
