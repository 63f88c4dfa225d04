package dev.wxgate.adapters.persistence.session;

import static dev.wxgate.adapters.persistence.session.SessionHashCodec.decode;
import static dev.wxgate.adapters.persistence.session.SessionHashCodec.fields;
import static dev.wxgate.adapters.persistence.session.SessionHashCodec.hashFields;
import static dev.wxgate.adapters.persistence.session.SessionHashCodec.micros;
import static dev.wxgate.adapters.persistence.session.SessionRedisCommands.ttl;
import static dev.wxgate.adapters.persistence.session.SessionRedisCommands.ttlMillis;

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
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.redisson.api.RBatch;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;

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
 *
 * <p>This class holds the session's own life: save, find, touch, rotate, revoke. The listings are
 * {@link SessionListings}, the changes to all of a user's sessions {@link UserSessionUpdates}, the opening and
 * re-sealing of sessions sealed by an older server key {@link SessionResealer}, the touch on Redis Cluster
 * {@link CrossSlotTouch}.
 */
public final class RedissonSessionRepository implements SessionRepository {
    private final RedisStore redis;
    private final RedissonClient redisson;
    private final SessionKeys names;
    private final SessionPolicy policy;
    private final SessionKeyCipher cipher;
    private final Clock clock;
    /** Whether a script may follow a token's pointer to its session: not on Redis Cluster (other slots). */
    private final boolean oneNode;

    private final CrossSlotTouch acrossSlots;
    private final SessionRedisCommands commands;
    private final SessionResealer resealer;
    private final SessionListings listings;
    private final UserSessionUpdates updates;

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
        this.commands = new SessionRedisCommands(redisson, names);
        this.resealer = new SessionResealer(cipher, names, commands);
        this.listings = new SessionListings(redisson, names, commands, resealer);
        this.updates = new UserSessionUpdates(redisson, names, cipher, commands);
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
            List<Object> result = commands.eval(
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
            commands.forget(batch, session.userId(), result.subList(1, result.size()));
            batch.execute();
            return null;
        });
    }

    @Override
    public Optional<Session> findByToken(SessionToken token) {
        String hash = TokenHash.of(token);
        return inStore("find a session", () -> {
            Instant now = now();
            return locate(hash, now).flatMap(resealer::open);
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
                    "touch a session", () -> acrossSlots.touch(hash, now()).flatMap(resealer::openAndReseal));
        }
        return inStore("touch a session", () -> {
            Instant now = now();
            Instant wanted = SealedSession.micros(now.plus(policy.idleTimeout()));
            List<Object> slid = commands.eval(
                    SessionScripts.TOUCH,
                    List.of(names.tokenKey(hash), names.activeKey()),
                    List.of(hash, micros(now), micros(wanted), ttlMillis(now, wanted), names.userKeysPrefix()));
            return decode(hashFields(slid)).filter(s -> s.isActiveAt(now)).flatMap(resealer::openAndReseal);
        });
    }

    @Override
    public Optional<Session> rotate(SessionToken current, SessionToken next) {
        String currentHash = TokenHash.of(current);
        String nextHash = TokenHash.of(next);
        return inStore("rotate a session token", () -> {
            Instant now = now();
            Optional<Session> touched = locate(currentHash, now)
                    .flatMap(resealer::openAndReseal)
                    .map(s -> s.touchedAt(now, policy.idleTimeout()));
            if (touched.isEmpty()) {
                return touched;
            }
            Session session = touched.get();
            Instant graceEnds = SealedSession.micros(now.plus(policy.refreshGrace()));
            List<Object> result = commands.eval(
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
            commands.forget(batch, session.userId(), result.subList(2, result.size()));
            batch.execute();
            return touched;
        });
    }

    @Override
    public List<Session> findByUser(UserId userId) {
        return inStore("list a user's sessions", () -> listings.byUser(userId, now()));
    }

    @Override
    public Page<Session> findActive(PageRequest page) {
        return inStore("list active sessions", () -> listings.active(page, now()));
    }

    @Override
    public int updateUserSnapshot(UserId userId, UserSnapshot snapshot) {
        return inStore(
                "update the user snapshot of a user's sessions", () -> updates.snapshot(userId, snapshot, now()));
    }

    @Override
    public int updateSessionKey(UserId userId, AppId appId, SessionKey sessionKey) {
        return inStore(
                "update the session_key of a user's sessions",
                () -> updates.sessionKey(userId, appId, sessionKey, now()));
    }

    @Override
    public boolean revoke(UserId userId, SessionId id) {
        return inStore("revoke a session", () -> {
            List<Object> result = commands.eval(
                    SessionScripts.REVOKE,
                    List.of(names.sessionKey(userId, id), names.indexKey(userId)),
                    List.of(id.value(), micros(now())));
            RBatch batch = redisson.createBatch();
            commands.forget(batch, userId, result.subList(1, result.size()));
            batch.execute();
            return "live".equals(result.getFirst());
        });
    }

    @Override
    public int revokeAll(UserId userId) {
        return inStore("revoke a user's sessions", () -> {
            List<Object> result = commands.eval(
                    SessionScripts.REVOKE_ALL,
                    List.of(names.indexKey(userId)),
                    List.of(names.sessionKeyPrefix(userId), micros(now())));
            RBatch batch = redisson.createBatch();
            commands.forget(batch, userId, result.subList(1, result.size()));
            batch.execute();
            return Integer.parseInt((String) result.getFirst());
        });
    }

    /** The session {@code hash} opens at {@code now}, as stored, if the token is its own or in its grace period. */
    private Optional<SealedSession> locate(String hash, Instant now) {
        Map<String, String> fields;
        if (oneNode) {
            fields = hashFields(
                    commands.eval(SessionScripts.FIND, List.of(names.tokenKey(hash)), List.of(names.userKeysPrefix())));
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

    private Instant now() {
        return SealedSession.micros(clock.instant());
    }

    private <T> T inStore(String operation, Supplier<T> work) {
        return redis.call(operation, work);
    }
}
