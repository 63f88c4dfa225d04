package dev.wxgate.application.token;

import dev.wxgate.domain.token.Credential;
import java.time.Instant;
import java.util.Optional;

/** How a forced refresh ended; each result is also in the audit log. */
public sealed interface ForcedRefreshResult {

    /** WeChat issued a new credential, now served to every caller. */
    record Refreshed(Credential credential) implements ForcedRefreshResult {}

    /** The kind's force budget allows no forced refresh now (stable mode: 20 a day, 30 s apart). Nothing was called. */
    record Refused(String why, Optional<Instant> nextAllowedAt) implements ForcedRefreshResult {}

    /** The refresh was attempted and failed; the previous credential, if any, is still served. */
    record Failed(String why) implements ForcedRefreshResult {}
}
