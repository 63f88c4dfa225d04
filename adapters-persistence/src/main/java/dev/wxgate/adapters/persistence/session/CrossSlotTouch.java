package dev.wxgate.adapters.persistence.session;

import static dev.wxgate.adapters.persistence.session.SessionHashCodec.decode;
import static dev.wxgate.adapters.persistence.session.SessionHashCodec.hashFields;
import static dev.wxgate.adapters.persistence.session.SessionHashCodec.micros;
import static dev.wxgate.adapters.persistence.session.SessionRedisCommands.ttl;
import static dev.wxgate.adapters.persistence.session.SessionRedisCommands.ttlMillis;

import dev.wxgate.domain.session.SessionPolicy;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.redisson.api.RBatch;
import org.redisson.api.RFuture;
import org.redisson.api.RScript;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;

/**
 * The session touch of {@link RedissonSessionRepository} on Redis Cluster, where a script may not follow a token's
 * pointer to its session (they live in different slots): the pointer is read first, then the session is slid.
 */
final class CrossSlotTouch {
    private final RedissonClient redisson;
    private final SessionKeys names;
    private final SessionPolicy policy;

    CrossSlotTouch(RedissonClient redisson, SessionKeys names, SessionPolicy policy) {
        this.redisson = redisson;
        this.names = names;
        this.policy = policy;
    }

    /**
     * Two round trips: the token's pointer, then one batch that runs the slide-and-read script on the session and, in
     * the same flush, moves the token key's TTL and the session's score in the active set to the expiry the slide will
     * give (known ahead from the absolute expiry the pointer carries). Those two are only where garbage is collected
     * and how the console sorts; whether the token opens is decided by the script alone, so a revocation still holds at
     * once. When the script shows the guess was wrong (a replaced token in its grace period, a token that opens
     * nothing) a third round trip sets things right.
     */
    Optional<SealedSession> touch(String hash, Instant now) {
        SessionKeys.Pointer pointer = pointer(hash);
        if (pointer == null) {
            return Optional.empty();
        }
        Instant wanted = SealedSession.micros(now.plus(policy.idleTimeout()));
        Instant absolute = pointer.absolute();
        // An older pointer does not say when the session ends at the latest: guess the slide, the check below fixes it.
        Instant expected = absolute == null || wanted.isBefore(absolute) ? wanted : absolute;
        RBatch batch = redisson.createBatch();
        RFuture<List<Object>> slid = batch.getScript(StringCodec.INSTANCE)
                .evalAsync(
                        pointer.sessionKey(),
                        RScript.Mode.READ_WRITE,
                        SessionScripts.TOUCH_SESSION,
                        RScript.ReturnType.LIST,
                        List.of(pointer.sessionKey()),
                        hash,
                        micros(now),
                        micros(wanted),
                        ttlMillis(now, wanted));
        batch.getBucket(names.tokenKey(hash), StringCodec.INSTANCE).expireAsync(ttl(now, expected));
        new ActiveSessions(names.activeKey(), batch).update(expected, pointer.userId(), pointer.sessionId());
        batch.execute();
        Map<String, String> fields = hashFields(slid.toCompletableFuture().join());
        Optional<SealedSession> sealed = decode(fields).filter(s -> s.isActiveAt(now));
        if (sealed.isEmpty()) {
            // Revoked, ended or replaced meanwhile: the pointer leads nowhere any more (the TTL set above must
            // not keep it).
            redisson.getBucket(names.tokenKey(hash), StringCodec.INSTANCE).delete();
            return Optional.empty();
        }
        SealedSession session = sealed.get();
        String grace = fields.get("grace:" + hash);
        Instant tokenEnds = grace == null ? session.expiresAt() : SealedSession.ofEpochMicros(Long.parseLong(grace));
        if (!tokenEnds.equals(expected) || !session.expiresAt().equals(expected)) {
            RBatch fix = redisson.createBatch();
            fix.getBucket(names.tokenKey(hash), StringCodec.INSTANCE).expireAsync(ttl(now, tokenEnds));
            new ActiveSessions(names.activeKey(), fix).update(session.expiresAt(), session.userId(), session.id());
            fix.execute();
        }
        return Optional.of(session);
    }

    /** The pointer of the token key {@code hash}, or null when there is none (or it is unreadable). */
    SessionKeys.Pointer pointer(String hash) {
        String value = redisson.<String>getBucket(names.tokenKey(hash), StringCodec.INSTANCE)
                .get();
        if (value == null) {
            return null;
        }
        return names.parsePointer(value);
    }
}
