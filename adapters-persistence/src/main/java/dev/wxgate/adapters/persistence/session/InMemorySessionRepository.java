package dev.wxgate.adapters.persistence.session;

import dev.wxgate.domain.Page;
import dev.wxgate.domain.PageRequest;
import dev.wxgate.domain.app.AppId;
import dev.wxgate.domain.session.Session;
import dev.wxgate.domain.session.SessionId;
import dev.wxgate.domain.session.SessionKey;
import dev.wxgate.domain.session.SessionPolicy;
import dev.wxgate.domain.session.SessionRepository;
import dev.wxgate.domain.session.SessionToken;
import dev.wxgate.domain.session.UserSnapshot;
import dev.wxgate.domain.user.UserId;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Adapter: sessions in this JVM's memory, for the embedded default (one node). Like the Redis store it keeps only token
 * hashes and sealed session_keys. Ended sessions are dropped when met, and each save also sweeps a bounded batch of
 * others, so the maps never hold much more than the live sessions.
 */
public final class InMemorySessionRepository implements SessionRepository {
    private static final Logger LOG = LoggerFactory.getLogger(InMemorySessionRepository.class);
    /** Sessions each save looks at for ending, whatever the size of the store. */
    static final int SWEEP_BATCH = 32;

    private final SessionPolicy policy;
    private final SessionKeyCipher cipher;
    private final Clock clock;
    // One lock: this store serves one node, and every operation is a few map lookups.
    private final ReentrantLock lock;
    private final Map<String, TokenEntry> tokens;
    private final Map<SessionId, Entry> sessions;
    private final Map<UserId, Set<SessionId>> byUser;
    private final ArrayDeque<SessionId> sweepOrder;

    public InMemorySessionRepository(SessionPolicy policy, SessionKeyCipher cipher, Clock clock) {
        this.policy = policy;
        this.cipher = cipher;
        this.clock = clock;
        this.lock = new ReentrantLock();
        this.tokens = new HashMap<>();
        this.sessions = new HashMap<>();
        this.byUser = new HashMap<>();
        this.sweepOrder = new ArrayDeque<>();
    }

    private InMemorySessionRepository(InMemorySessionRepository sharing, SessionKeyCipher cipher) {
        this.policy = sharing.policy;
        this.cipher = cipher;
        this.clock = sharing.clock;
        this.lock = sharing.lock;
        this.tokens = sharing.tokens;
        this.sessions = sharing.sessions;
        this.byUser = sharing.byUser;
        this.sweepOrder = sharing.sweepOrder;
    }

    /** This store's sessions with other server keys: the tests' stand-in for a node restarted with a new key list. */
    InMemorySessionRepository withCipher(SessionKeyCipher other) {
        return new InMemorySessionRepository(this, other);
    }

    @Override
    public void save(SessionToken token, Session session) {
        String hash = TokenHash.of(token);
        SealedSession sealed = SealedSession.seal(session, cipher);
        locked(() -> {
            if (sessions.containsKey(session.id()) || tokens.containsKey(hash)) {
                throw new IllegalArgumentException("session " + session.id() + " or its token exists already");
            }
            Instant now = now();
            List<Entry> live = new ArrayList<>();
            for (SessionId id : List.copyOf(byUser.getOrDefault(session.userId(), Set.of()))) {
                Entry entry = sessions.get(id);
                if (entry.session.isActiveAt(now)) {
                    live.add(entry);
                } else {
                    remove(entry);
                }
            }
            live.sort(Comparator.comparing((Entry entry) -> entry.session.createdAt())
                    .thenComparing(entry -> entry.session.id().value()));
            for (int i = 0; i <= live.size() - policy.maxSessionsPerUser(); i++) {
                remove(live.get(i));
            }
            Entry entry = new Entry(sealed);
            entry.tokens.add(hash);
            sessions.put(session.id(), entry);
            tokens.put(hash, new TokenEntry(session.id(), null));
            byUser.computeIfAbsent(session.userId(), user -> new LinkedHashSet<>())
                    .add(session.id());
            sweepOrder.addLast(session.id());
            sweep(now);
            return null;
        });
    }

    @Override
    public Optional<Session> findByToken(SessionToken token) {
        String hash = TokenHash.of(token);
        return locked(() -> resolve(hash, now()).flatMap(this::open));
    }

    @Override
    public Optional<Session> touch(SessionToken token) {
        String hash = TokenHash.of(token);
        return locked(() -> {
            Instant now = now();
            return resolve(hash, now).flatMap(entry -> touch(entry, now));
        });
    }

    @Override
    public Optional<Session> rotate(SessionToken current, SessionToken next) {
        String currentHash = TokenHash.of(current);
        String nextHash = TokenHash.of(next);
        return locked(() -> {
            if (tokens.containsKey(nextHash)) {
                throw new IllegalArgumentException("the new token is in use already");
            }
            Instant now = now();
            Optional<Entry> found = resolve(currentHash, now);
            Optional<Session> touched = found.flatMap(entry -> touch(entry, now));
            if (touched.isEmpty()) {
                return touched;
            }
            Entry entry = found.get();
            Instant graceEnds = now.plus(policy.refreshGrace());
            for (String hash : List.copyOf(entry.tokens)) {
                TokenEntry known = tokens.get(hash);
                if (known != null && known.graceEnds == null) {
                    tokens.put(hash, new TokenEntry(entry.session.id(), graceEnds));
                }
            }
            tokens.put(nextHash, new TokenEntry(entry.session.id(), null));
            entry.tokens.add(nextHash);
            return touched;
        });
    }

    @Override
    public List<Session> findByUser(UserId userId) {
        return locked(() -> {
            Instant now = now();
            // A copy: opening may drop a session that no longer opens.
            return List.copyOf(byUser.getOrDefault(userId, Set.of())).stream()
                    .map(sessions::get)
                    .filter(entry -> entry.session.isActiveAt(now))
                    .sorted(Comparator.comparing((Entry entry) -> entry.session.createdAt())
                            .thenComparing(entry -> entry.session.id().value())
                            .reversed())
                    .flatMap(entry -> open(entry).stream())
                    .toList();
        });
    }

    @Override
    public Page<Session> findActive(PageRequest page) {
        return locked(() -> {
            Instant now = now();
            List<Entry> live = new ArrayList<>();
            for (Entry entry : List.copyOf(sessions.values())) {
                if (entry.session.isActiveAt(now)) {
                    live.add(entry);
                } else {
                    remove(entry);
                }
            }
            // The Redis store's order: expiry, then "userId:sessionId", both descending.
            live.sort(Comparator.comparing((Entry entry) -> entry.session.expiresAt())
                    .thenComparing(entry -> entry.session.userId() + ":" + entry.session.id())
                    .reversed());
            List<Session> items = live.stream()
                    .skip(page.offset())
                    .limit(page.size())
                    .flatMap(entry -> open(entry).stream())
                    .toList();
            return new Page<>(items, live.size(), page);
        });
    }

    @Override
    public int updateUserSnapshot(UserId userId, UserSnapshot snapshot) {
        return locked(() -> {
            Instant now = now();
            int updated = 0;
            for (SessionId id : byUser.getOrDefault(userId, Set.of())) {
                Entry entry = sessions.get(id);
                if (entry.session.isActiveAt(now)) {
                    entry.session = entry.session.withUser(snapshot);
                    updated++;
                }
            }
            return updated;
        });
    }

    @Override
    public int updateSessionKey(UserId userId, AppId appId, SessionKey sessionKey) {
        return locked(() -> {
            Instant now = now();
            int updated = 0;
            for (SessionId id : byUser.getOrDefault(userId, Set.of())) {
                Entry entry = sessions.get(id);
                if (entry.session.isActiveAt(now)
                        && entry.session.identity().appId().equals(appId)) {
                    entry.session = entry.session.withSealedKey(cipher.seal(sessionKey, id));
                    updated++;
                }
            }
            return updated;
        });
    }

    @Override
    public boolean revoke(UserId userId, SessionId id) {
        return locked(() -> {
            Entry entry = sessions.get(id);
            if (entry == null || !entry.session.userId().equals(userId)) {
                return false;
            }
            remove(entry);
            return entry.session.isActiveAt(now());
        });
    }

    @Override
    public int revokeAll(UserId userId) {
        return locked(() -> {
            Instant now = now();
            int live = 0;
            for (SessionId id : List.copyOf(byUser.getOrDefault(userId, Set.of()))) {
                Entry entry = sessions.get(id);
                live += entry.session.isActiveAt(now) ? 1 : 0;
                remove(entry);
            }
            return live;
        });
    }

    /** How many sessions and tokens this store holds, ended ones included (for tests of the sweep). */
    int[] sizes() {
        return locked(() -> new int[] {sessions.size(), tokens.size()});
    }

    /** The live session {@code hash} opens; drops what it finds ended. */
    private Optional<Entry> resolve(String hash, Instant now) {
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

    /** A use: slides the session, and seals its session_key again when an older server key sealed it. */
    private Optional<Session> touch(Entry entry, Instant now) {
        Optional<Session> opened = open(entry);
        if (opened.isPresent() && entry.session.isStale(cipher)) {
            entry.session = entry.session.resealed(opened.get(), cipher);
        }
        Optional<Session> touched = opened.map(session -> session.touchedAt(now, policy.idleTimeout()));
        touched.ifPresent(session -> entry.session = entry.session.touchedAs(session));
        return touched;
    }

    private Optional<Session> open(Entry entry) {
        Optional<Session> session = entry.session.open(cipher);
        if (session.isEmpty()) {
            LOG.warn("Session {} does not open: {}; ending it", entry.session.id(), entry.session.whyUnopened(cipher));
            remove(entry);
        }
        return session;
    }

    private void remove(Entry entry) {
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

    private Instant now() {
        return SealedSession.micros(clock.instant());
    }

    private <T> T locked(Supplier<T> work) {
        lock.lock();
        try {
            return work.get();
        } finally {
            lock.unlock();
        }
    }

    private static final class Entry {
        SealedSession session;
        final Set<String> tokens = new HashSet<>();

        Entry(SealedSession session) {
            this.session = session;
        }
    }

    /** Which session a token hash opens; {@code graceEnds} is set once a refresh replaced the token. */
    private record TokenEntry(SessionId sessionId, Instant graceEnds) {}
}
