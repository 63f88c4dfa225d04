package dev.wxgate.adapters.persistence.session;

import dev.wxgate.domain.session.SessionId;
import dev.wxgate.domain.user.UserId;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The maps of {@link InMemorySessionRepository}: sealed sessions, their token hashes and each user's session ids, kept
 * consistent with each other, and the bounded sweep that drops ended sessions and tokens. Not thread-safe by itself:
 * callers work inside {@link #locked}.
 */
final class InMemorySessionTable {
    /** Sessions each save looks at for ending, whatever the size of the store. */
    static final int SWEEP_BATCH = 32;

    // One lock: this store serves one node, and every operation is a few map lookups.
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<String, TokenEntry> tokens = new HashMap<>();
    private final Map<SessionId, Entry> sessions = new HashMap<>();
    private final Map<UserId, Set<SessionId>> byUser = new HashMap<>();
    private final ArrayDeque<SessionId> sweepOrder = new ArrayDeque<>();

    /** A stored session and the hashes of the tokens that open it. */
    static final class Entry {
        SealedSession session;
        final Set<String> tokens = new HashSet<>();

        Entry(SealedSession session) {
            this.session = session;
        }
    }

    /** Which session a token hash opens; {@code graceEnds} is set once a refresh replaced the token. */
    private record TokenEntry(SessionId sessionId, Instant graceEnds) {}

    <T> T locked(Supplier<T> work) {
        lock.lock();
        try {
            return work.get();
        } finally {
            lock.unlock();
        }
    }

    boolean holds(SessionId id) {
        return sessions.containsKey(id);
    }

    boolean holdsToken(String hash) {
        return tokens.containsKey(hash);
    }

    Entry get(SessionId id) {
        return sessions.get(id);
    }

    /** The user's sessions, ended ones included; a copy, so the caller may remove while going through it. */
    List<Entry> ofUser(UserId userId) {
        List<Entry> entries = new ArrayList<>();
        for (SessionId id : List.copyOf(byUser.getOrDefault(userId, Set.of()))) {
            entries.add(sessions.get(id));
        }
        return entries;
    }

    /** Every session, ended ones included; a copy. */
    List<Entry> all() {
        return List.copyOf(sessions.values());
    }

    /** Stores {@code sealed}, opened by the token {@code hash}, then sweeps a batch of others. */
    void add(SealedSession sealed, String hash, Instant now) {
        Entry entry = new Entry(sealed);
        entry.tokens.add(hash);
        sessions.put(sealed.id(), entry);
        tokens.put(hash, new TokenEntry(sealed.id(), null));
        byUser.computeIfAbsent(sealed.userId(), user -> new LinkedHashSet<>()).add(sealed.id());
        sweepOrder.addLast(sealed.id());
        sweep(now);
    }

    /** Gives the entry's current tokens a grace period ending at {@code graceEnds} and adds {@code nextHash}. */
    void replaceTokens(Entry entry, String nextHash, Instant graceEnds) {
        for (String hash : List.copyOf(entry.tokens)) {
            TokenEntry known = tokens.get(hash);
            if (known != null && known.graceEnds == null) {
                tokens.put(hash, new TokenEntry(entry.session.id(), graceEnds));
            }
        }
        tokens.put(nextHash, new TokenEntry(entry.session.id(), null));
        entry.tokens.add(nextHash);
    }

    /** The live session {@code hash} opens; drops what it finds ended. */
    Optional<Entry> resolve(String hash, Instant now) {
        TokenEntry token = tokens.get(hash);
        if (token == null) {
            return Optional.empty();
        }
        Entry entry = sessions.get(token.sessionId);
        if (entry == null || (token.graceEnds != null && !now.isBefore(token.graceEnds))) {
            tokens.remove(hash);
            if (entry != null) {
                entry.tokens.remove(hash);
            }
            return Optional.empty();
        }
        if (!entry.session.isActiveAt(now)) {
            remove(entry);
            return Optional.empty();
        }
        return Optional.of(entry);
    }

    void remove(Entry entry) {
        SessionId id = entry.session.id();
        sessions.remove(id);
        entry.tokens.forEach(tokens::remove);
        Set<SessionId> ofUser = byUser.get(entry.session.userId());
        if (ofUser != null) {
            ofUser.remove(id);
            if (ofUser.isEmpty()) {
                byUser.remove(entry.session.userId());
            }
        }
    }

    /** How many sessions and tokens this table holds, ended ones included. */
    int[] sizes() {
        return new int[] {sessions.size(), tokens.size()};
    }

    /** Looks at up to {@link #SWEEP_BATCH} sessions, oldest look first: drops ended ones and ended grace tokens. */
    private void sweep(Instant now) {
        for (int i = 0; i < SWEEP_BATCH && !sweepOrder.isEmpty(); i++) {
            SessionId id = sweepOrder.pollFirst();
            Entry entry = sessions.get(id);
            if (entry == null) {
                continue;
            }
            if (!entry.session.isActiveAt(now)) {
                remove(entry);
                continue;
            }
            entry.tokens.removeIf(hash -> {
                TokenEntry token = tokens.get(hash);
                boolean ended = token == null || (token.graceEnds != null && !now.isBefore(token.graceEnds));
                if (ended) {
                    tokens.remove(hash);
                }
                return ended;
            });
            sweepOrder.addLast(id);
        }
    }
}
