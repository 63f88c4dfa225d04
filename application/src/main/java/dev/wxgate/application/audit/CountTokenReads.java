package dev.wxgate.application.audit;

import dev.wxgate.domain.StoreUnavailableException;
import dev.wxgate.domain.app.AppId;
import dev.wxgate.domain.audit.TokenReadCount;
import dev.wxgate.domain.audit.TokenReadCounts;
import dev.wxgate.domain.token.CredentialKind;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Use case: counts the credential reads of internal clients, per client, app, credential and hour, and adds the counts
 * to the database now and then ({@link #flush()}), so that a token read costs no write of its own. Counts the database
 * refused are kept for the next flush; only a node that dies loses what it had not flushed yet (at most one interval).
 */
public final class CountTokenReads {
    /** How long hourly counts are kept. */
    public static final Duration KEPT = Duration.ofDays(90);

    private final TokenReadCounts store;
    private final Clock clock;
    private final Map<Key, Long> pending = new ConcurrentHashMap<>();
    private volatile Instant forgottenUpTo = Instant.EPOCH;

    public CountTokenReads(TokenReadCounts store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    private record Key(Instant hour, String client, AppId appId, CredentialKind credential) {}

    /** One read of {@code credential} of {@code appId} by {@code client}, now. */
    public void read(String client, AppId appId, CredentialKind credential) {
        add(new Key(TokenReadCount.hourOf(clock.instant()), client, appId, credential), 1);
    }

    private void add(Key key, long reads) {
        // merge and remove are atomic per key: a read racing a flush lands either in what is flushed or after it.
        pending.merge(key, reads, Long::sum);
    }

    /**
     * Adds the counts gathered since the last flush to the database, and forgets counts older than {@link #KEPT} once
     * an hour; returns how many counts were written. When the database refuses, the counts are kept for the next flush.
     *
     * @throws StoreUnavailableException when the database cannot be reached (the counts are kept)
     */
    public int flush() {
        List<TokenReadCount> taken = new ArrayList<>();
        for (Key key : List.copyOf(pending.keySet())) {
            Long reads = pending.remove(key);
            if (reads != null && reads > 0) {
                taken.add(new TokenReadCount(key.hour(), key.client(), key.appId(), key.credential(), reads));
            }
        }
        if (!taken.isEmpty()) {
            try {
                store.add(taken);
            } catch (RuntimeException refused) {
                taken.forEach(count ->
                        add(new Key(count.hour(), count.client(), count.appId(), count.credential()), count.reads()));
                throw refused;
            }
        }
        forgetOld();
        return taken.size();
    }

    private void forgetOld() {
        Instant hour = TokenReadCount.hourOf(clock.instant());
        if (hour.isAfter(forgottenUpTo)) {
            store.forgetBefore(hour.minus(KEPT));
            forgottenUpTo = hour;
        }
    }

    /** Reads counted and not yet flushed (for tests and the stop log). */
    public long unflushed() {
        return pending.values().stream().mapToLong(Long::longValue).sum();
    }
}
