package dev.wxgate.application.token;

import dev.wxgate.domain.token.Credential;
import dev.wxgate.domain.token.RefreshSchedule;
import dev.wxgate.domain.token.StoredCredential;
import java.time.Instant;
import java.util.Optional;

/**
 * What a caller needs from a refresh; the same test decides, after the refresher took the lock, whether a refresh is
 * still needed at all.
 *
 * @param replacing the value reported invalid, for {@link Kind#REPLACING}
 * @param reporter who reported it, for the audit log of a forced refresh it may need
 */
record RefreshDemand(Kind kind, String replacing, String reporter) {
    enum Kind {
        /** Any credential that may still be served. */
        USABLE,
        /** A credential that is not yet due for refresh-ahead. */
        AHEAD,
        /** A usable credential other than the one reported invalid. */
        REPLACING
    }

    static RefreshDemand usable() {
        return new RefreshDemand(Kind.USABLE, null, null);
    }

    static RefreshDemand ahead() {
        return new RefreshDemand(Kind.AHEAD, null, null);
    }

    static RefreshDemand replacing(String badValue, String reporter) {
        return new RefreshDemand(Kind.REPLACING, badValue, reporter);
    }

    /** Whether {@code latest} meets this demand at {@code now} under {@code schedule}, so no refresh is needed. */
    boolean satisfiedBy(Optional<? extends StoredCredential<?>> latest, Instant now, RefreshSchedule schedule) {
        if (latest.isEmpty() || !schedule.usable(latest.get().credential(), now)) {
            return false;
        }
        Credential credential = latest.get().credential();
        return switch (kind) {
            case USABLE -> true;
            case AHEAD -> !schedule.due(credential, now);
            case REPLACING -> !credential.sameValueAs(replacing);
        };
    }

    /** Whether {@code fetched} is the very credential a reporter found rejected. */
    boolean stillIssues(Credential fetched) {
        return kind == Kind.REPLACING && fetched.sameValueAs(replacing);
    }
}
