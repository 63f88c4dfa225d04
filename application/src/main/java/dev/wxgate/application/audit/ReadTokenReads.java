package dev.wxgate.application.audit;

import dev.wxgate.domain.app.AppId;
import dev.wxgate.domain.audit.TokenReadCount;
import dev.wxgate.domain.audit.TokenReadCounts;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Use case: an operator reads how often each client read each app's credentials, hour by hour. */
public final class ReadTokenReads {
    private final TokenReadCounts counts;
    private final Clock clock;

    public ReadTokenReads(TokenReadCounts counts, Clock clock) {
        this.counts = counts;
        this.clock = clock;
    }

    /**
     * The counts of the last {@code hours} hours (the current one included), of one app or of all; newest first.
     *
     * @throws dev.wxgate.domain.StoreUnavailableException when the database cannot be reached
     */
    public List<TokenReadCount> lastHours(int hours, Optional<AppId> appId) {
        if (hours < 1) {
            throw new IllegalArgumentException("hours must be at least 1");
        }
        return counts.since(TokenReadCount.hourOf(clock.instant()).minus(Duration.ofHours(hours - 1L)), appId);
    }
}
