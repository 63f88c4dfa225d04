package dev.wxgate.adapters.persistence.callback;

import dev.wxgate.domain.app.AppId;
import dev.wxgate.domain.callback.CallbackDeduplication;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Adapter: callbacks seen, in this JVM (the embedded default, one node). Entries expire after their time; at most
 * {@code maxEntries} are kept, and past that the oldest go first (under a flood, a very old retry may then be handled
 * twice rather than memory growing without bound).
 */
public final class InMemoryCallbackDeduplication implements CallbackDeduplication {
    /** Far more callbacks than WeChat sends one node within a timestamp window. */
    public static final int DEFAULT_MAX_ENTRIES = 200_000;

    private final Clock clock;
    private final int maxEntries;
    /** Insertion order is expiry order for equal lifetimes, which is what evicting the oldest needs. */
    private final LinkedHashMap<String, Instant> expiries = new LinkedHashMap<>();
    /** Replies by delivery key, bounded and expiring like the deliveries they answer. */
    private final LinkedHashMap<String, Reply> replies = new LinkedHashMap<>();

    private record Reply(String text, Instant expiry) {}

    public InMemoryCallbackDeduplication(Clock clock) {
        this(clock, DEFAULT_MAX_ENTRIES);
    }

    public InMemoryCallbackDeduplication(Clock clock, int maxEntries) {
        this.clock = Objects.requireNonNull(clock, "clock");
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries must be at least 1");
        }
        this.maxEntries = maxEntries;
    }

    @Override
    public synchronized boolean firstSeen(AppId app, Kind kind, String id, Duration keep) {
        Objects.requireNonNull(keep, "keep");
        Instant now = clock.instant();
        String key = key(app, kind, id);
        Instant expiry = expiries.get(key);
        if (expiry != null && expiry.isAfter(now)) {
            return false;
        }
        expiries.remove(key);
        dropExpired(now);
        while (expiries.size() >= maxEntries) {
            Iterator<Map.Entry<String, Instant>> oldest = expiries.entrySet().iterator();
            oldest.next();
            oldest.remove();
        }
        expiries.put(key, now.plus(keep));
        return true;
    }

    @Override
    public synchronized void forget(AppId app, Kind kind, String id) {
        expiries.remove(key(app, kind, id));
    }

    @Override
    public synchronized boolean seen(AppId app, Kind kind, String id) {
        Instant expiry = expiries.get(key(app, kind, id));
        return expiry != null && expiry.isAfter(clock.instant());
    }

    @Override
    public synchronized void rememberReply(AppId app, String delivery, String plainReply, Duration keep) {
        Objects.requireNonNull(plainReply, "plainReply");
        Instant now = clock.instant();
        replies.values().removeIf(reply -> !reply.expiry().isAfter(now));
        while (replies.size() >= maxEntries) {
            Iterator<String> oldest = replies.keySet().iterator();
            oldest.next();
            oldest.remove();
        }
        replies.put(key(app, Kind.DELIVERY, delivery), new Reply(plainReply, now.plus(keep)));
    }

    @Override
    public synchronized Optional<String> replyTo(AppId app, String delivery) {
        Reply reply = replies.get(key(app, Kind.DELIVERY, delivery));
        return reply != null && reply.expiry().isAfter(clock.instant()) ? Optional.of(reply.text()) : Optional.empty();
    }

    /** Drops expired entries from the front, where the oldest are; stops at the first live one. */
    private void dropExpired(Instant now) {
        Iterator<Map.Entry<String, Instant>> entries = expiries.entrySet().iterator();
        while (entries.hasNext()) {
            if (entries.next().getValue().isAfter(now)) {
                return;
            }
            entries.remove();
        }
    }

    synchronized int size() {
        return expiries.size();
    }

    private static String key(AppId app, Kind kind, String id) {
        return Objects.requireNonNull(app, "app").value()
                + '\n'
                + Objects.requireNonNull(kind, "kind")
                + '\n'
                + Objects.requireNonNull(id, "id");
    }
}
