package dev.wxgate.adapters.persistence.session;

import dev.wxgate.adapters.persistence.session.InMemorySessionTable.Entry;
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
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Adapter: sessions in this JVM's memory, for the embedded default (one node). Like the Redis store it keeps only token
 * hashes and sealed session_keys. Ended sessions are dropped when met, and each save also sweeps a bounded batch of
 * others ({@link InMemorySessionTable}), so the maps never hold much more than the live sessions.
 */
public final class InMemorySessionRepository implements SessionRepository {
    private static final Logger LOG = LoggerFactory.getLogger(InMemorySessionRepository.class);

    private final SessionPolicy policy;
    private final SessionKeyCipher cipher;
    private final Clock clock;
    private final InMemorySessionTable table;

    public InMemorySessionRepository(SessionPolicy policy, SessionKeyCipher cipher, Clock clock) {
        this(policy, cipher, clock, new InMemorySessionTable());
    }

    private InMemorySessionRepository(
            SessionPolicy policy, SessionKeyCipher cipher, Clock clock, InMemorySessionTable table) {
        this.policy = policy;
        this.cipher = cipher;
        this.clock = clock;
        this.table = table;
    }

    /** This store's sessions with other server keys: the tests' stand-in for a node restarted with a new key list. */
    InMemorySessionRepository withCipher(SessionKeyCipher other) {
        return new InMemorySessionRepository(policy, other, clock, table);
    }

    @Override
    public void save(SessionToken token, Session session) {
        String hash = TokenHash.of(token);
        SealedSession sealed = SealedSession.seal(session, cipher);
        locked(() -> {
            if (table.holds(session.id()) || table.holdsToken(hash)) {
                throw new IllegalArgumentException("session " + session.id() + " or its token exists already");
            }
            Instant now = now();
            List<Entry> live = new ArrayList<>();
            for (Entry entry : table.ofUser(session.userId())) {
                if (entry.session.isActiveAt(now)) {
                    live.add(entry);
                } else {
                    table.remove(entry);
                }
            }
            live.sort(Comparator.comparing((Entry entry) -> entry.session.createdAt())
                    .thenComparing(entry -> entry.session.id().value()));
            for (int i = 0; i <= live.size() - policy.maxSessionsPerUser(); i++) {
                table.remove(live.get(i));
            }
            table.add(sealed, hash, now);
            return null;
        });
    }

    @Override
    public Optional<Session> findByToken(SessionToken token) {
        String hash = TokenHash.of(token);
        return locked(() -> table.resolve(hash, now()).flatMap(this::open));
    }

    @Override
    public Optional<Session> touch(SessionToken token) {
        String hash = TokenHash.of(token);
        return locked(() -> {
            Instant now = now();
            return table.resolve(hash, now).flatMap(entry -> touch(entry, now));
        });
    }

    @Override
    public Optional<Session> rotate(SessionToken current, SessionToken next) {
        String currentHash = TokenHash.of(current);
        String nextHash = TokenHash.of(next);
        return locked(() -> {
            if (table.holdsToken(nextHash)) {
                throw new IllegalArgumentException("the new token is in use already");
            }
            Instant now = now();
            Optional<Entry> found = table.resolve(currentHash, now);
            Optional<Session> touched = found.flatMap(entry -> touch(entry, now));
            if (touched.isEmpty()) {
                return touched;
            }
            table.replaceTokens(found.get(), nextHash, now.plus(policy.refreshGrace()));
            return touched;
        });
    }

    @Override
    public List<Session> findByUser(UserId userId) {
        return locked(() -> {
            Instant now = now();
            // The table's copy: opening may drop a session that no longer opens.
            return table.ofUser(userId).stream()
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
            for (Entry entry : table.all()) {
                if (entry.session.isActiveAt(now)) {
                    live.add(entry);
                } else {
                    table.remove(entry);
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
            for (Entry entry : table.ofUser(userId)) {
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
            for (Entry entry : table.ofUser(userId)) {
                if (entry.session.isActiveAt(now)
                        && entry.session.identity().appId().equals(appId)) {
                    entry.session = entry.session.withSealedKey(cipher.seal(sessionKey, entry.session.id()));
                    updated++;
                }
            }
            return updated;
        });
    }

    @Override
    public boolean revoke(UserId userId, SessionId id) {
        return locked(() -> {
            Entry entry = table.get(id);
            if (entry == null || !entry.session.userId().equals(userId)) {
                return false;
            }
            table.remove(entry);
            return entry.session.isActiveAt(now());
        });
    }

    @Override
    public int revokeAll(UserId userId) {
        return locked(() -> {
            Instant now = now();
            int live = 0;
            for (Entry entry : table.ofUser(userId)) {
                live += entry.session.isActiveAt(now) ? 1 : 0;
                table.remove(entry);
            }
            return live;
        });
    }

    /** How many sessions and tokens this store holds, ended ones included (for tests of the sweep). */
    int[] sizes() {
        return locked(table::sizes);
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
            table.remove(entry);
        }
        return session;
    }

    private Instant now() {
        return SealedSession.micros(clock.instant());
    }

    private <T> T locked(Supplier<T> work) {
        return table.locked(work);
    }
}
