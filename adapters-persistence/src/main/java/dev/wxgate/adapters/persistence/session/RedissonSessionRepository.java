package dev.wxgate.adapters.persistence.session;

import static dev.wxgate.adapters.persistence.session.SessionHashCodec.decode;
import static dev.wxgate.adapters.persistence.session.SessionHashCodec.fields;
import static dev.wxgate.adapters.persistence.session.SessionHashCodec.hashFields;
import static dev.wxgate.adapters.persistence.session.SessionHashCodec.micros;

import dev.wxgate.adapters.persistence.RedisKeyPrefix;
import dev.wxgate.adapters.persistence.RedisStore;
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
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.redisson.api.RBatch;
import org.redisson.api.RFuture;
import org.redisson.api.RScoredSortedSetAsync;
import org.redisson.api.RScript;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Adapter: sessions in Redis through Redisson, shared by every node; each lookup reads Redis (no near cache), so a
 * revocation holds everywhere as soon as it returns.
 *
 * <p>Keys, under the configured prefix:
 *
 * <ul>
 *   <li>{@code session-token:<sha256(token)>} → {@code <userId>:<sessionId>:<absolute expiry in µs>}, expiring with
 *       the session (a replaced token: with its grace period);
 *   <li>{@code user:{<userId>}:session:<sessionId>} → a hash: the session (session_key sealed by
 *       {@link SessionKeyCipher}, times in µs), its token's hash and its replaced tokens' grace ends; expiring with the
 *       session;
 *   <li>{@code user:{<userId>}:sessions} → the user's session ids by creation time, expiring after the absolute
 *       lifetime;
 *   <li>{@code sessions:active} → {@code <userId>:<sessionId>} by expiry, for the console; ended members are removed on
 *       every save and listing.
 * </ul>
 *
 * The hash tag {@code {<userId>}} keeps a user's sessions and their index in one Redis Cluster slot, so the Lua scripts
 * that evict, rotate and revoke change them atomically. Expiry is decided by the stored times against the injected
 * clock; Redis TTLs only collect what ended.
 *
 * <p>The hot path (a touch, a find) is one script, one round trip, on a single Redis or Sentinel: the script follows the
 * token's pointer to the session itself. On Redis Cluster the token key and the session are in different slots, so
 * there the pointer is read first. The scripts are the {@code .lua} files beside this class ({@link SessionScripts}).
 */
public final class RedissonSessionRepository implements SessionRepository {
    private static final Logger LOG = LoggerFactory.getLogger(RedissonSessionRepository.class);

    private final RedisStore redis;
    private final RedissonClient redisson;
    private final SessionKeys names;
    private final SessionPolicy policy;
    private final SessionKeyCipher cipher;
    private final Clock clock;
    /** Whether a script may follow a token's pointer to its session: not on Redis Cluster (other slots). */
    private final boolean oneNode;

    private final CrossSlotTouch acrossSlots;

    /**
     * @param keyPrefix put before every key (e.g. {@code "wxgate:"}), so several deployments can share a Redis; no
     *     braces, they would change the hash tag
     */
    public RedissonSessionRepository(
            RedisStore redis, String keyPrefix, SessionPolicy policy, SessionKeyCipher cipher, Clock clock) {
        this.redis = redis;
        this.redisson = redis.client();
        this.names = new SessionKeys(RedisKeyPrefix.check(keyPrefix));
        this.policy = policy;
        this.cipher = cipher;
        this.clock = clock;
        this.oneNode = !redisson.getConfig().isClusterConfig();
        this.acrossSlots = new CrossSlotTouch(redisson, names, policy);
    }

    @Override
    public void save(SessionToken token, Session session) {
        String hash = TokenHash.of(token);
        SealedSession sealed = SealedSession.seal(session, cipher);
        inStore("save a session", () -> {
            Instant now = now();
            List<Object> args = new ArrayList<>(List.of(
                    micros(now),
                    Integer.toString(policy.maxSessionsPerUser()),
                    session.id().value(),
                    micros(sealed.createdAt()),
                    ttlMillis(now, sealed.expiresAt()),
                    Long.toString(policy.absoluteLifetime().toMillis()),
                    names.sessionKeyPrefix(session.userId())));
            fields(sealed, hash).forEach((field, value) -> {
                args.add(field);
                args.add(value);
            });
            List<Object> result = eval(
                    SessionScripts.SAVE,
                    List.of(names.sessionKey(session.userId(), session.id()), names.indexKey(session.userId())),
                    args);
            if ("exists".equals(result.getFirst())) {
                throw new IllegalArgumentException("session " + session.id() + " exists already");
            }
            RBatch batch = redisson.createBatch();
            batch.getBucket(names.tokenKey(hash), StringCodec.INSTANCE)
                    .setAsync(
                            SessionKeys.pointer(session.userId(), session.id(), sealed.absoluteExpiresAt()),
                            ttl(now, sealed.expiresAt()));
            ActiveSessions active = new ActiveSessions(names.activeKey(), batch);
            active.add(sealed.expiresAt(), session.userId(), session.id());
            active.removeEnded(now);
            forget(batch, session.userId(), result.subList(1, result.size()));
            batch.execute();
            return null;
        });
    }

    @Override
    public Optional<Session> findByToken(SessionToken token) {
        String hash = TokenHash.of(token);
        return inStore("find a session", () -> {
            Instant now = now();
            return locate(hash, now).flatMap(this::open);
        });
    }

    /**
     * One round trip: a script follows the token's pointer, slides the session, moves the token key's TTL and the
     * session's score in the active set and answers the session (see {@code touch.lua}). On Redis Cluster, where the
     * token key and the session live in different slots, two or three: see {@link CrossSlotTouch}.
     */
    @Override
    public Optional<Session> touch(SessionToken token) {
        String hash = TokenHash.of(token);
        if (!oneNode) {
            return inStore(
                    "touch a session", () -> acrossSlots.touch(hash, now()).flatMap(this::openAndReseal));
        }
        return inStore("touch a session", () -> {
            Instant now = now();
            Instant wanted = SealedSession.micros(now.plus(policy.idleTimeout()));
            List<Object> slid = eval(
                    SessionScripts.TOUCH,
                    List.of(names.tokenKey(hash), names.activeKey()),
                    List.of(hash, micros(now), micros(wanted), ttlMillis(now, wanted), names.userKeysPrefix()));
            return decode(hashFields(slid)).filter(s -> s.isActiveAt(now)).flatMap(this::openAndReseal);
        });
    }

    @Override
    public Optional<Session> rotate(SessionToken current, SessionToken next) {
        String currentHash = TokenHash.of(current);
        String nextHash = TokenHash.of(next);
        return inStore("rotate a session token", () -> {
            Instant now = now();
            Optional<Session> touched = locate(currentHash, now)
                    .flatMap(this::openAndReseal)
                    .map(s -> s.touchedAt(now, policy.idleTimeout()));
            if (touched.isEmpty()) {
                return touched;
            }
            Session session = touched.get();
            Instant graceEnds = SealedSession.micros(now.plus(policy.refreshGrace()));
            List<Object> result = eval(
                    SessionScripts.ROTATE,
                    List.of(names.sessionKey(session.userId(), session.id())),
                    List.of(
                            currentHash,
                            nextHash,
                            micros(now),
                            micros(graceEnds),
                            micros(session.lastSeenAt()),
                            micros(session.expiresAt()),
                            ttlMillis(now, session.expiresAt())));
            if (result.isEmpty()) {
                return Optional.empty(); // revoked or replaced meanwhile
            }
            String replaced = (String) result.get(1);
            RBatch batch = redisson.createBatch();
            batch.getBucket(names.tokenKey(nextHash), StringCodec.INSTANCE)
                    .setAsync(
                            SessionKeys.pointer(session.userId(), session.id(), session.absoluteExpiresAt()),
                            ttl(now, session.expiresAt()));
            batch.getBucket(names.tokenKey(replaced), StringCodec.INSTANCE).expireAsync(ttl(now, graceEnds));
            new ActiveSessions(names.activeKey(), batch).update(session.expiresAt(), session.userId(), session.id());
            forget(batch, session.userId(), result.subList(2, result.size()));
            batch.execute();
            return touched;
        });
    }

    @Override
    public List<Session> findByUser(UserId userId) {
        return inStore("list a user's sessions", () -> {
            Instant now = now();
            List<String> ids =
                    List.copyOf(redisson.<String>getScoredSortedSet(names.indexKey(userId), StringCodec.INSTANCE)
                            .valueRangeReversed(0, -1));
            List<Session> sessions = new ArrayList<>();
            for (Optional<SealedSession> sealed : read(ids.stream()
                    .map(id -> names.sessionKey(userId, new SessionId(id)))
                    .toList())) {
                sealed.filter(s -> s.isActiveAt(now)).flatMap(this::open).ifPresent(sessions::add);
            }
            return sessions;
        });
    }

    @Override
    public Page<Session> findActive(PageRequest page) {
        return inStore("list active sessions", () -> {
            Instant now = now();
            RBatch listing = redisson.createBatch();
            new ActiveSessions(names.activeKey(), listing).removeEnded(now);
            RScoredSortedSetAsync<String> active = listing.getScoredSortedSet(names.activeKey(), StringCodec.INSTANCE);
            RFuture<Integer> total = active.sizeAsync();
            int from = (int) Math.min(page.offset(), Integer.MAX_VALUE - PageRequest.MAX_SIZE);
            RFuture<Collection<String>> members = active.valueRangeReversedAsync(from, from + page.size() - 1);
            listing.execute();
            List<String> pointers = List.copyOf(members.toCompletableFuture().join());
            List<String> keys = new ArrayList<>();
            for (String pointer : pointers) {
                keys.add(names.pointerToSessionKey(pointer));
            }
            List<Session> items = new ArrayList<>();
            List<String> stale = new ArrayList<>();
            List<Optional<SealedSession>> sessions = read(keys);
            for (int i = 0; i < pointers.size(); i++) {
                Optional<SealedSession> live = sessions.get(i).filter(s -> s.isActiveAt(now));
                if (live.isPresent()) {
                    open(live.get()).ifPresent(items::add);
                } else {
                    stale.add(pointers.get(i));
                }
            }
            if (!stale.isEmpty()) {
                redisson.getScoredSortedSet(names.activeKey(), StringCodec.INSTANCE)
                        .removeAll(stale);
            }
            return new Page<>(items, Math.max(0, total.toCompletableFuture().join() - stale.size()), page);
        });
    }

    /** One script over the user's sessions, all in the user's slot (so on Redis Cluster too). */
    @Override
    public int updateUserSnapshot(UserId userId, UserSnapshot snapshot) {
        return inStore("update the user snapshot of a user's sessions", () -> {
            List<Object> args = new ArrayList<>(List.of(names.sessionKeyPrefix(userId), micros(now())));
            SessionHashCodec.snapshotFields(snapshot).forEach((field, value) -> {
                args.add(field);
                args.add(value);
            });
            List<Object> result = eval(SessionScripts.USER_SNAPSHOT, List.of(names.indexKey(userId)), args);
            return Integer.parseInt((String) result.getFirst());
        });
    }

    /**
     * The key is sealed per session, so the ids are read first; then one script writes them, in the user's slot (so on
     * Redis Cluster too), into the sessions still live.
     */
    @Override
    public int updateSessionKey(UserId userId, AppId appId, SessionKey sessionKey) {
        return inStore("update the session_key of a user's sessions", () -> {
            Collection<String> ids = redisson.<String>getScoredSortedSet(names.indexKey(userId), StringCodec.INSTANCE)
                    .readAll();
            if (ids.isEmpty()) {
                return 0;
            }
            List<Object> args = new ArrayList<>(List.of(names.sessionKeyPrefix(userId), micros(now()), appId.value()));
            for (String id : ids) {
                args.add(id);
                args.add(cipher.seal(sessionKey, new SessionId(id)));
            }
            List<Object> result = eval(SessionScripts.SESSION_KEY, List.of(names.indexKey(userId)), args);
            return Integer.parseInt((String) result.getFirst());
        });
    }

    @Override
    public boolean revoke(UserId userId, SessionId id) {
        return inStore("revoke a session", () -> {
            List<Object> result = eval(
                    SessionScripts.REVOKE,
                    List.of(names.sessionKey(userId, id), names.indexKey(userId)),
                    List.of(id.value(), micros(now())));
            RBatch batch = redisson.createBatch();
            forget(batch, userId, result.subList(1, result.size()));
            batch.execute();
            return "live".equals(result.getFirst());
        });
    }

    @Override
    public int revokeAll(UserId userId) {
        return inStore("revoke a user's sessions", () -> {
            List<Object> result = eval(
                    SessionScripts.REVOKE_ALL,
                    List.of(names.indexKey(userId)),
                    List.of(names.sessionKeyPrefix(userId), micros(now())));
            RBatch batch = redisson.createBatch();
            forget(batch, userId, result.subList(1, result.size()));
            batch.execute();
            return Integer.parseInt((String) result.getFirst());
        });
    }

    /** The session {@code hash} opens at {@code now}, as stored, if the token is its own or in its grace period. */
    private Optional<SealedSession> locate(String hash, Instant now) {
        Map<String, String> fields;
        if (oneNode) {
            fields = hashFields(
                    eval(SessionScripts.FIND, List.of(names.tokenKey(hash)), List.of(names.userKeysPrefix())));
        } else {
            SessionKeys.Pointer pointer = acrossSlots.pointer(hash);
            if (pointer == null) {
                return Optional.empty();
            }
            fields = redisson.<String, String>getMap(pointer.sessionKey(), StringCodec.INSTANCE)
                    .readAllMap();
        }
        Optional<SealedSession> sealed = decode(fields).filter(s -> s.isActiveAt(now));
        if (sealed.isEmpty() || !SessionHashCodec.opens(fields, hash, now)) {
            return Optional.empty();
        }
        return sealed;
    }

    private List<Optional<SealedSession>> read(List<String> sessionKeys) {
        if (sessionKeys.isEmpty()) {
            return List.of();
        }
        RBatch batch = redisson.createBatch();
        List<RFuture<Map<String, String>>> reads = new ArrayList<>();
        for (String key : sessionKeys) {
            reads.add(batch.<String, String>getMap(key, StringCodec.INSTANCE).readAllMapAsync());
        }
        batch.execute();
        return reads.stream()
                .map(read -> decode(read.toCompletableFuture().join()))
                .toList();
    }

    private Optional<Session> open(SealedSession sealed) {
        Optional<Session> session = sealed.open(cipher);
        if (session.isEmpty()) {
            // Answered as an ended session, not deleted: a node with a wrong key list must not end the sessions of the
            // nodes with the right one. Unused, it ends at its idle timeout.
            LOG.warn(
                    "Session {} does not open: {}; answering as an ended session",
                    sealed.id(),
                    sealed.whyUnopened(cipher));
        }
        return session;
    }

    /**
     * {@link #open}, and on a use, when an older server key sealed the session_key: sealed again with the sealing key,
     * only if the stored value is still the one read (another node may have re-sealed it, or a new session_key
     * replaced it, meanwhile).
     */
    private Optional<Session> openAndReseal(SealedSession sealed) {
        Optional<Session> session = open(sealed);
        if (session.isPresent() && sealed.isStale(cipher)) {
            SealedSession resealed = sealed.resealed(session.get(), cipher);
            eval(
                    SessionScripts.RESEAL,
                    List.of(names.sessionKey(sealed.userId(), sealed.id())),
                    List.of(sealed.sealedKey(), resealed.sealedKey()));
        }
        return session;
    }

    /** Deletes the token keys in {@code removed} ('t:'+hash) and the active-set members ('s:'+id) of the user's. */
    private void forget(RBatch batch, UserId userId, List<Object> removed) {
        List<String> tokenKeys = new ArrayList<>();
        List<String> members = new ArrayList<>();
        for (Object item : removed) {
            String entry = (String) item;
            if (entry.startsWith("t:")) {
                tokenKeys.add(names.tokenKey(entry.substring(2)));
            } else if (entry.startsWith("s:")) {
                members.add(userId.value() + ":" + entry.substring(2));
            }
        }
        if (!tokenKeys.isEmpty()) {
            batch.getKeys().deleteAsync(tokenKeys.toArray(new String[0]));
        }
        if (!members.isEmpty()) {
            batch.getScoredSortedSet(names.activeKey(), StringCodec.INSTANCE).removeAllAsync(members);
        }
    }

    @SuppressWarnings("unchecked")
    private <T> T eval(String script, List<String> keys, List<Object> args, RScript.ReturnType type) {
        return (T) redisson.getScript(StringCodec.INSTANCE)
                .eval(keys.getFirst(), RScript.Mode.READ_WRITE, script, type, List.copyOf(keys), args.toArray());
    }

    private List<Object> eval(String script, List<String> keys, List<Object> args) {
        return eval(script, keys, args, RScript.ReturnType.LIST);
    }

    private Instant now() {
        return SealedSession.micros(clock.instant());
    }

    /** Time from {@code now} to {@code end}, at least a millisecond (Redis rejects a TTL of zero). */
    static Duration ttl(Instant now, Instant end) {
        Duration left = Duration.between(now, end);
        return left.toMillis() < 1 ? Duration.ofMillis(1) : left;
    }

    static String ttlMillis(Instant now, Instant end) {
        return Long.toString(ttl(now, end).toMillis());
    }

    private <T> T inStore(String operation, Supplier<T> work) {
        return redis.call(operation, work);
    }
}
