package dev.wxgate.domain.audit;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** How the audited action ended: done, refused by a rule (budget, permission), or failed on the way. */
public enum AuditOutcome {
    SUCCESS,
    REFUSED,
    FAILED;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<AuditOutcome> fromCode(String code) {
        return Arrays.stream(values())
                .filter(outcome -> outcome.code().equals(code))
                .findFirst();
    }
}
