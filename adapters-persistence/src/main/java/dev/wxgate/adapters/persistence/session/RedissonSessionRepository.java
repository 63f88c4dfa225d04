package dev.wxgate.adapters.persistence.session;

import dev.wxgate.adapters.persistence.RedisKeyPrefix;
import dev.wxgate.adapters.persistence.RedisStore;
import dev.wxgate.domain.Page;
import dev.wxgate.domain.PageRequest;
import dev.wxgate.domain.app.AppId;
import dev.wxgate.domain.session.Session;
import dev.wxgate.domain.session.SessionId;
import dev.wxgate.domain.session.SessionPolicy;
import dev.wxgate.domain.session.SessionRepository;
import dev.wxgate.domain.session.SessionToken;
import dev.wxgate.domain.user.Identity;
import dev.wxgate.domain.user.OpenId;
import dev.wxgate.domain.user.UnionId;
import dev.wxgate.domain.user.UserId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
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
 */
public final class RedissonSessionRepository implements SessionRepository {
    private static final Logger LOG = LoggerFactory.getLogger(RedissonSessionRepository.class);

    /** Removes a session hash and its index entry, collecting 't:'+token hash and 's:'+id into {@code out}. */
    private static final String DROP = """
            local function drop(key, id, index, out)
              local fields = redis.call('hgetall', key)
              for i = 1, #fields, 2 do
                local field = fields[i]
                if field == 'token' then
                  table.insert(out, 't:' .. fields[i + 1])
                elseif string.sub(field, 1, 6) == 'grace:' then
                  table.insert(out, 't:' .. string.sub(field, 7))
                end
              end
              redis.call('del', key)
              redis.call('zrem', index, id)
              table.insert(out, 's:' .. id)
            end
            """;

    /** Whether {@code hash} opens the session whose fields are {token, grace:hash, expires, seen} at {@code now}. */
    private static final String OPENS = """
            local function opens(f, hash, now)
              if not f[3] or tonumber(f[3]) <= now then return false end
              return f[1] == hash or (f[2] and tonumber(f[2]) > now)
            end
            local function slide(key, seen, expires, ttl, f)
              if tonumber(expires) > tonumber(f[3]) then
                redis.call('hset', key, 'expires', expires)
                redis.call('pexpire', key, ttl)
              end
              if tonumber(seen) > tonumber(f[4]) then redis.call('hset', key, 'seen', seen) end
            end
            """;

    // KEYS: session, index. ARGV: now, cap, id, created, session ttl, index ttl, user's session key prefix, fields...
    private static final String SAVE = DROP + """
            if redis.call('exists', KEYS[1]) == 1 then return {'exists'} end
            local now = tonumber(ARGV[1])
            local out = {'saved'}
            local live = {}
            for _, id in ipairs(redis.call('zrange', KEYS[2], 0, -1)) do
              local expires = redis.call('hget', ARGV[7] .. id, 'expires')
              if expires and tonumber(expires) > now then
                table.insert(live, id)
              else
                drop(ARGV[7] .. id, id, KEYS[2], out)
              end
            end
            local cap = tonumber(ARGV[2])
            local oldest = 1
            while #live - oldest + 1 >= cap do
              drop(ARGV[7] .. live[oldest], live[oldest], KEYS[2], out)
              oldest = oldest + 1
            end
            redis.call('hset', KEYS[1], unpack(ARGV, 8))
            redis.call('pexpire', KEYS[1], ARGV[5])
            redis.call('zadd', KEYS[2], ARGV[4], ARGV[3])
            redis.call('pexpire', KEYS[2], ARGV[6])
            return out
            """;

    /*
     * KEYS: session. ARGV: token hash, now, expiry wanted (now + idle timeout), its ttl in ms. Slides the session when
     * the token opens it (never past its absolute expiry, never backwards) and answers the session's fields after the
     * slide, as HGETALL does; an empty list when the token opens nothing. One round trip instead of a read and a write.
     */
    private static final String TOUCH = OPENS + """
            local f = redis.call('hmget', KEYS[1], 'token', 'grace:' .. ARGV[1], 'expires', 'seen', 'absolute')
            local now = tonumber(ARGV[2])
            if not opens(f, ARGV[1], now) then return {} end
            local expires, ttl = ARGV[3], ARGV[4]
            if f[5] and tonumber(f[5]) < tonumber(expires) then
              expires = f[5]
              ttl = math.max(1, math.floor((tonumber(f[5]) - now) / 1000))
            end
            slide(KEYS[1], ARGV[2], expires, ttl, f)
            return redis.call('hgetall', KEYS[1])
            """;

    // KEYS: session. ARGV: current hash, next hash, now, grace end, seen, expires, ttl.
    private static final String ROTATE = OPENS + """
            local f = redis.call('hmget', KEYS[1], 'token', 'grace:' .. ARGV[1], 'expires', 'seen')
            local now = tonumber(ARGV[3])
            if not opens(f, ARGV[1], now) then return {} end
            local out = {'rotated', f[1]}
            local fields = redis.call('hgetall', KEYS[1])
            for i = 1, #fields, 2 do
              if string.sub(fields[i], 1, 6) == 'grace:' and tonumber(fields[i + 1]) <= now then
                redis.call('hdel', KEYS[1], fields[i])
                table.insert(out, 't:' .. string.sub(fields[i], 7))
              end
            end
            redis.call('hset', KEYS[1], 'grace:' .. f[1], ARGV[4], 'token', ARGV[2])
            slide(KEYS[1], ARGV[5], ARGV[6], ARGV[7], f)
            return out
            """;

    // KEYS: session, index. ARGV: id, now.
    private static final String REVOKE = DROP + """
            local expires = redis.call('hget', KEYS[1], 'expires')
            local out = {(expires and tonumber(expires) > tonumber(ARGV[2])) and 'live' or 'ended'}
            drop(KEYS[1], ARGV[1], KEYS[2], out)
            return out
            """;

    // KEYS: index. ARGV: user's session key prefix, now.
    private static final String REVOKE_ALL = DROP + """
            local live = 0
            local out = {}
            for _, id in ipairs(redis.call('zrange', KEYS[1], 0, -1)) do
              local expires = redis.call('hget', ARGV[1] .. id, 'expires')
              if expires and tonumber(expires) > tonumber(ARGV[2]) then live = live + 1 end
              drop(ARGV[1] .. id, id, KEYS[1], out)
            end
            redis.call('del', KEYS[1])
            table.insert(out, 1, tostring(live))
            return out
            """;

    private final RedisStore redis;
    private final RedissonClient redisson;
    private final String prefix;
    private final SessionPolicy policy;
    private final SessionKeyCipher cipher;
    private final Clock clock;

    /**
     * @param keyPrefix put before every key (e.g. {@code "wxgate:"}), so several deployments can share a Redis; no
     *     braces, they would change the hash tag
     */
    public RedissonSessionRepository(
            RedisStore redis, String keyPrefix, SessionPolicy policy, SessionKeyCipher cipher, Clock clock) {
        this.redis = redis;
        this.redisson = redis.client();
        this.prefix = RedisKeyPrefix.check(keyPrefix);
        this.policy = policy;
        this.cipher = cipher;
        this.clock = clock;
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
                    sessionKeyPrefix(session.userId())));
            fields(sealed, hash).forEach((field, value) -> {
                args.add(field);
                args.add(value);
            });
            List<Object> result =
                    eval(SAVE, List.of(sessionKey(session.userId(), session.id()), indexKey(session.userId())), args);
            if ("exists".equals(result.getFirst())) {
                throw new IllegalArgumentException("session " + session.id() + " exists already");
            }
            RBatch batch = redisson.createBatch();
            batch.getBucket(tokenKey(hash), StringCodec.INSTANCE)
                    .setAsync(
                            pointer(session.userId(), session.id(), sealed.absoluteExpiresAt()),
                            ttl(now, sealed.expiresAt()));
            ActiveSet active = new ActiveSet(batch);
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
            return locate(hash, now).flatMap(located -> open(located.session));
        });
    }

    /**
     * Two round trips: the token's pointer, then one batch that runs the slide-and-read script on the session and, in
     * the same flush, moves the token key's TTL and the session's score in the active set to the expiry the slide will
     * give (known ahead from the absolute expiry the pointer carries). Those two are only where garbage is collected
     * and how the console sorts; whether the token opens is decided by the script alone, so a revocation still holds at
     * once. When the script shows the guess was wrong (a replaced token in its grace period, a token that opens
     * nothing, a pointer written before it carried the absolute expiry) a third round trip sets things right.
     */
    @Override
    public Optional<Session> touch(SessionToken token) {
        String hash = TokenHash.of(token);
        return inStore("touch a session", () -> {
            Pointer pointer = pointer(hash);
            if (pointer == null) {
                return Optional.empty();
            }
            Instant now = now();
            Instant wanted = SealedSession.micros(now.plus(policy.idleTimeout()));
            Instant expected =
                    pointer.absolute() == null || wanted.isBefore(pointer.absolute()) ? wanted : pointer.absolute();
            RBatch batch = redisson.createBatch();
            RFuture<List<Object>> slid = batch.getScript(StringCodec.INSTANCE)
                    .evalAsync(
                            pointer.sessionKey(),
                            RScript.Mode.READ_WRITE,
                            TOUCH,
                            RScript.ReturnType.LIST,
                            List.of(pointer.sessionKey()),
                            hash,
                            micros(now),
                            micros(wanted),
                            ttlMillis(now, wanted));
            if (pointer.absolute() != null) {
                batch.getBucket(tokenKey(hash), StringCodec.INSTANCE).expireAsync(ttl(now, expected));
                new ActiveSet(batch).update(expected, pointer.userId(), pointer.sessionId());
            }
            batch.execute();
            Map<String, String> fields = hashFields(slid.toCompletableFuture().join());
            Optional<SealedSession> sealed = decode(fields).filter(s -> s.isActiveAt(now));
            if (sealed.isEmpty()) {
                // Revoked, ended or replaced meanwhile: the pointer leads nowhere any more (the TTL set above must
                // not keep it).
                redisson.getBucket(tokenKey(hash), StringCodec.INSTANCE).delete();
                return Optional.empty();
            }
            SealedSession session = sealed.get();
            Instant tokenEnds = new Located(session, fields).tokenEnds(hash, session.expiresAt());
            if (pointer.absolute() == null
                    || !tokenEnds.equals(expected)
                    || !session.expiresAt().equals(expected)) {
                RBatch fix = redisson.createBatch();
                fix.getBucket(tokenKey(hash), StringCodec.INSTANCE).expireAsync(ttl(now, tokenEnds));
                new ActiveSet(fix).update(session.expiresAt(), session.userId(), session.id());
                fix.execute();
            }
            return open(session);
        });
    }

    @Override
    public Optional<Session> rotate(SessionToken current, SessionToken next) {
        String currentHash = TokenHash.of(current);
        String nextHash = TokenHash.of(next);
        return inStore("rotate a session token", () -> {
            Instant now = now();
            Optional<Session> touched = locate(currentHash, now)
                    .flatMap(located -> open(located.session))
                    .map(s -> s.touchedAt(now, policy.idleTimeout()));
            if (touched.isEmpty()) {
                return touched;
            }
            Session session = touched.get();
            Instant graceEnds = SealedSession.micros(now.plus(policy.refreshGrace()));
            List<Object> result = eval(
                    ROTATE,
                    List.of(sessionKey(session.userId(), session.id())),
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
            batch.getBucket(tokenKey(nextHash), StringCodec.INSTANCE)
                    .setAsync(
                            pointer(session.userId(), session.id(), session.absoluteExpiresAt()),
                            ttl(now, session.expiresAt()));
            batch.getBucket(tokenKey(replaced), StringCodec.INSTANCE).expireAsync(ttl(now, graceEnds));
            new ActiveSet(batch).update(session.expiresAt(), session.userId(), session.id());
            forget(batch, session.userId(), result.subList(2, result.size()));
            batch.execute();
            return touched;
        });
    }

    @Override
    public List<Session> findByUser(UserId userId) {
        return inStore("list a user's sessions", () -> {
            Instant now = now();
            List<String> ids = List.copyOf(redisson.<String>getScoredSortedSet(indexKey(userId), StringCodec.INSTANCE)
                    .valueRangeReversed(0, -1));
            List<Session> sessions = new ArrayList<>();
            for (Optional<SealedSession> sealed : read(ids.stream()
                    .map(id -> sessionKey(userId, new SessionId(id)))
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
            new ActiveSet(listing).removeEnded(now);
            RScoredSortedSetAsync<String> active = listing.getScoredSortedSet(activeKey(), StringCodec.INSTANCE);
            RFuture<Integer> total = active.sizeAsync();
            int from = (int) Math.min(page.offset(), Integer.MAX_VALUE - PageRequest.MAX_SIZE);
            RFuture<Collection<String>> members = active.valueRangeReversedAsync(from, from + page.size() - 1);
            listing.execute();
            List<String> pointers = List.copyOf(members.toCompletableFuture().join());
            List<String> keys = new ArrayList<>();
            for (String pointer : pointers) {
                keys.add(pointerToSessionKey(pointer));
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
                redisson.getScoredSortedSet(activeKey(), StringCodec.INSTANCE).removeAll(stale);
            }
            return new Page<>(items, Math.max(0, total.toCompletableFuture().join() - stale.size()), page);
        });
    }

    @Override
    public boolean revoke(UserId userId, SessionId id) {
        return inStore("revoke a session", () -> {
            List<Object> result =
                    eval(REVOKE, List.of(sessionKey(userId, id), indexKey(userId)), List.of(id.value(), micros(now())));
            RBatch batch = redisson.createBatch();
            forget(batch, userId, result.subList(1, result.size()));
            batch.execute();
            return "live".equals(result.getFirst());
        });
    }

    @Override
    public int revokeAll(UserId userId) {
        return inStore("revoke a user's sessions", () -> {
            List<Object> result =
                    eval(REVOKE_ALL, List.of(indexKey(userId)), List.of(sessionKeyPrefix(userId), micros(now())));
            RBatch batch = redisson.createBatch();
            forget(batch, userId, result.subList(1, result.size()));
            batch.execute();
            return Integer.parseInt((String) result.getFirst());
        });
    }

    /** The session {@code hash} opens at {@code now}, as stored, if the token is its own or in its grace period. */
    private Optional<Located> locate(String hash, Instant now) {
        Pointer pointer = pointer(hash);
        if (pointer == null) {
            return Optional.empty();
        }
        Map<String, String> fields = redisson.<String, String>getMap(pointer.sessionKey(), StringCodec.INSTANCE)
                .readAllMap();
        Optional<SealedSession> sealed = decode(fields).filter(s -> s.isActiveAt(now));
        if (sealed.isEmpty()) {
            return Optional.empty();
        }
        String grace = fields.get("grace:" + hash);
        boolean opens = hash.equals(fields.get("token"))
                || (grace != null && now.isBefore(SealedSession.ofEpochMicros(Long.parseLong(grace))));
        return opens ? Optional.of(new Located(sealed.get(), fields)) : Optional.empty();
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
            // Not deleted: a node with a wrong key must not end the sessions of the nodes with the right one.
            LOG.warn("Session {} does not open with this node's server key (was the key changed?)", sealed.id());
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
                tokenKeys.add(tokenKey(entry.substring(2)));
            } else if (entry.startsWith("s:")) {
                members.add(userId.value() + ":" + entry.substring(2));
            }
        }
        if (!tokenKeys.isEmpty()) {
            batch.getKeys().deleteAsync(tokenKeys.toArray(new String[0]));
        }
        if (!members.isEmpty()) {
            batch.getScoredSortedSet(activeKey(), StringCodec.INSTANCE).removeAllAsync(members);
        }
    }

    private static Map<String, String> fields(SealedSession session, String tokenHash) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("id", session.id().value());
        fields.put("user", Long.toString(session.userId().value()));
        fields.put("app", session.identity().appId().value());
        fields.put("openid", session.identity().openId().value());
        session.identity().unionId().ifPresent(unionId -> fields.put("unionid", unionId.value()));
        fields.put("key", session.sealedKey());
        fields.put("created", micros(session.createdAt()));
        fields.put("seen", micros(session.lastSeenAt()));
        fields.put("expires", micros(session.expiresAt()));
        fields.put("absolute", micros(session.absoluteExpiresAt()));
        fields.put("token", tokenHash);
        return fields;
    }

    private Optional<SealedSession> decode(Map<String, String> fields) {
        if (fields == null || !fields.containsKey("expires")) {
            return Optional.empty();
        }
        try {
            UserId userId = new UserId(Long.parseLong(fields.get("user")));
            Identity identity = new Identity(
                    new AppId(fields.get("app")),
                    new OpenId(fields.get("openid")),
                    Optional.ofNullable(fields.get("unionid")).map(UnionId::new));
            return Optional.of(new SealedSession(
                    sessionIdOf(fields),
                    userId,
                    identity,
                    fields.get("key"),
                    instant(fields.get("created")),
                    instant(fields.get("seen")),
                    instant(fields.get("expires")),
                    instant(fields.get("absolute"))));
        } catch (IllegalArgumentException | NullPointerException corrupt) {
            LOG.warn("A session hash in Redis is incomplete or corrupt; ignoring it");
            return Optional.empty();
        }
    }

    private static SessionId sessionIdOf(Map<String, String> fields) {
        return new SessionId(fields.get("id"));
    }

    private record Located(SealedSession session, Map<String, String> fields) {
        /** Until when {@code hash} opens the session: its grace end, or the session's expiry for its own token. */
        Instant tokenEnds(String hash, Instant sessionExpires) {
            String grace = fields.get("grace:" + hash);
            return grace == null ? sessionExpires : SealedSession.ofEpochMicros(Long.parseLong(grace));
        }
    }

    /** The active set, scored by expiry in µs, through a batch. */
    private final class ActiveSet {
        private final RScoredSortedSetAsync<String> set;

        ActiveSet(RBatch batch) {
            this.set = batch.getScoredSortedSet(activeKey(), StringCodec.INSTANCE);
        }

        void add(Instant expires, UserId userId, SessionId id) {
            set.addAsync(SealedSession.epochMicros(expires), userId.value() + ":" + id.value());
        }

        /** Moves an existing member only, so a touch racing a revocation does not bring it back. */
        void update(Instant expires, UserId userId, SessionId id) {
            set.addIfExistsAsync(SealedSession.epochMicros(expires), userId.value() + ":" + id.value());
        }

        void removeEnded(Instant now) {
            set.removeRangeByScoreAsync(Double.NEGATIVE_INFINITY, true, SealedSession.epochMicros(now), true);
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

    private String tokenKey(String hash) {
        return prefix + "session-token:" + hash;
    }

    private String sessionKeyPrefix(UserId userId) {
        return prefix + "user:{" + userId.value() + "}:session:";
    }

    private String sessionKey(UserId userId, SessionId id) {
        return sessionKeyPrefix(userId) + id.value();
    }

    private String indexKey(UserId userId) {
        return prefix + "user:{" + userId.value() + "}:sessions";
    }

    private String activeKey() {
        return prefix + "sessions:active";
    }

    /** A token key's value: {@code <userId>:<sessionId>:<absolute expiry in µs>}. */
    private static String pointer(UserId userId, SessionId id, Instant absolute) {
        return userId.value() + ":" + id.value() + ":" + micros(absolute);
    }

    /** Where a token key leads; {@code absolute} is null in pointers written before it was added. */
    private record Pointer(UserId userId, SessionId sessionId, String sessionKey, Instant absolute) {}

    /** The pointer of the token key {@code hash}, or null when there is none (or it is unreadable). */
    private Pointer pointer(String hash) {
        String value =
                redisson.<String>getBucket(tokenKey(hash), StringCodec.INSTANCE).get();
        if (value == null) {
            return null;
        }
        try {
            String[] parts = value.split(":", 3);
            UserId userId = new UserId(Long.parseLong(parts[0]));
            SessionId id = new SessionId(parts[1]);
            Instant absolute = parts.length == 3 ? instant(parts[2]) : null;
            return new Pointer(userId, id, sessionKey(userId, id), absolute);
        } catch (IllegalArgumentException | ArrayIndexOutOfBoundsException corrupt) {
            LOG.warn("A session token key in Redis is corrupt; ignoring it");
            return null;
        }
    }

    /** The session key of an active-set member {@code <userId>:<sessionId>}. */
    private String pointerToSessionKey(String member) {
        int colon = member.indexOf(':');
        return sessionKey(
                new UserId(Long.parseLong(member.substring(0, colon))), new SessionId(member.substring(colon + 1)));
    }

    /** HGETALL's flat answer as a map. */
    private static Map<String, String> hashFields(List<Object> flat) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (int i = 0; i + 1 < flat.size(); i += 2) {
            fields.put((String) flat.get(i), (String) flat.get(i + 1));
        }
        return fields;
    }

    private Instant now() {
        return SealedSession.micros(clock.instant());
    }

    private static String micros(Instant instant) {
        return Long.toString(SealedSession.epochMicros(instant));
    }

    private static Instant instant(String micros) {
        return SealedSession.ofEpochMicros(Long.parseLong(micros));
    }

    /** Time from {@code now} to {@code end}, at least a millisecond (Redis rejects a TTL of zero). */
    private static Duration ttl(Instant now, Instant end) {
        Duration left = Duration.between(now, end);
        return left.toMillis() < 1 ? Duration.ofMillis(1) : left;
    }

    private static String ttlMillis(Instant now, Instant end) {
        return Long.toString(ttl(now, end).toMillis());
    }

    private <T> T inStore(String operation, Supplier<T> work) {
        return redis.call(operation, work);
    }
}
