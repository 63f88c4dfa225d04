package dev.wxgate.application.token;

import dev.wxgate.domain.token.AccessToken;
import java.time.Instant;
import java.util.Optional;

/** How a forced refresh ended; each outcome is also in the audit log. */
public sealed interface ForceRefreshOutcome {

    /** WeChat issued a new token, now served to every caller. */
    record Refreshed(AccessToken token) implements ForceRefreshOutcome {}

    /** WeChat's budget allows no forced refresh now (stable mode: 20 a day, 30 s apart). Nothing was called. */
    record Refused(String why, Optional<Instant> nextAllowedAt) implements ForceRefreshOutcome {}

    /** The refresh was attempted and failed; the previous token, if any, is still served. */
    record Failed(String why) implements ForceRefreshOutcome {}
}
