package dev.wxgate.adapters.persistence.weblogin;

import dev.wxgate.domain.oauth.Claim;
import dev.wxgate.domain.oauth.Handoff;
import dev.wxgate.domain.oauth.PendingLogin;
import dev.wxgate.domain.oauth.WebLoginStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Adapter: web logins in flight, in this JVM (the embedded default, one node). Entries go when their time is up; at
 * most {@code maxEntries} are kept, the oldest dropped first, so a flood of started logins cannot grow memory without
 * bound (the per-client rate limit keeps one client far below it).
 */
public final class InMemoryWebLoginStore implements WebLoginStore {
    public static final int DEFAULT_MAX_ENTRIES = 100_000;

    private final Clock clock;
    private final int maxEntries;
    /** Insertion order is expiry order for equal lifetimes, which is what evicting the oldest needs. */
    private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>();

    private static final class Entry {
        final Object value;
        final Instant keptUntil;
        boolean claimed;

        Entry(Object value, Instant keptUntil) {
            this.value = value;
            this.keptUntil = keptUntil;
        }
    }

    public InMemoryWebLoginStore(Clock clock) {
        this(clock, DEFAULT_MAX_ENTRIES);
    }

    public InMemoryWebLoginStore(Clock clock, int maxEntries) {
        this.clock = Objects.requireNonNull(clock, "clock");
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries must be at least 1");
        }
        this.maxEntries = maxEntries;
    }

    @Override
    public void putPending(String stateHash, PendingLogin pending, Duration keep) {
        put("state:" + stateHash, Objects.requireNonNull(pending, "pending"), keep);
    }

    @Override
    public Optional<Claim<PendingLogin>> claimPending(String stateHash) {
        return claim("state:" + stateHash, PendingLogin.class);
    }

    @Override
    public void putHandoff(String codeHash, Handoff handoff, Duration keep) {
        put("handoff:" + codeHash, Objects.requireNonNull(handoff, "handoff"), keep);
    }

    @Override
    public Optional<Claim<Handoff>> claimHandoff(String codeHash) {
        return claim("handoff:" + codeHash, Handoff.class);
    }

    private synchronized void put(String key, Object value, Duration keep) {
        Instant now = clock.instant();
        dropExpired(now);
        entries.remove(key);
        while (entries.size() >= maxEntries) {
            Iterator<String> oldest = entries.keySet().iterator();
            oldest.next();
            oldest.remove();
        }
        entries.put(key, new Entry(value, now.plus(Objects.requireNonNull(keep, "keep"))));
    }

    private synchronized <T> Optional<Claim<T>> claim(String key, Class<T> type) {
        Entry entry = entries.get(key);
        if (entry == null || !entry.keptUntil.isAfter(clock.instant())) {
            return Optional.empty();
        }
        boolean before = entry.claimed;
        entry.claimed = true;
        return Optional.of(new Claim<>(type.cast(entry.value), before));
    }

    /** Drops expired entries from the front, where the oldest are; stops at the first live one. */
    private void dropExpired(Instant now) {
        Iterator<Map.Entry<String, Entry>> iterator = entries.entrySet().iterator();
        while (iterator.hasNext()) {
            if (iterator.next().getValue().keptUntil.isAfter(now)) {
                return;
            }
            iterator.remove();
        }
    }

    synchronized int size() {
        return entries.size();
    }
}
