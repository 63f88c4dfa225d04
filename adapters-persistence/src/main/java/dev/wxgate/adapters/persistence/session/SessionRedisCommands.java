package dev.wxgate.adapters.persistence.session;

import static dev.wxgate.adapters.persistence.session.SessionHashCodec.decode;

import dev.wxgate.domain.user.UserId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.redisson.api.RBatch;
import org.redisson.api.RFuture;
import org.redisson.api.RScript;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;

/**
 * The Redis calls the parts of {@link RedissonSessionRepository} share: running a session script, reading session
 * hashes in one batch, and deleting what a script reports it removed.
 */
final class SessionRedisCommands {
    private final RedissonClient redisson;
    private final SessionKeys names;

    SessionRedisCommands(RedissonClient redisson, SessionKeys names) {
        this.redisson = redisson;
        this.names = names;
    }

    /** Runs {@code script} routed by its first key (all its keys share a slot) and answers its list. */
    List<Object> eval(String script, List<String> keys, List<Object> args) {
        return redisson.getScript(StringCodec.INSTANCE)
                .eval(
                        keys.getFirst(),
                        RScript.Mode.READ_WRITE,
                        script,
                        RScript.ReturnType.LIST,
                        List.copyOf(keys),
                        args.toArray());
    }

    /** The sessions stored under {@code sessionKeys}, in their order, in one round trip; empty where none is. */
    List<Optional<SealedSession>> read(List<String> sessionKeys) {
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

    /**
     * Deletes the token keys in {@code removed} ('t:'+hash) and the active-set members ('s:'+id) of the user's: they
     * live in other slots than the user's, so the scripts that removed their sessions cannot.
     */
    void forget(RBatch batch, UserId userId, List<Object> removed) {
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

    /** Time from {@code now} to {@code end}, at least a millisecond (Redis rejects a TTL of zero). */
    static Duration ttl(Instant now, Instant end) {
        Duration left = Duration.between(now, end);
        return left.toMillis() < 1 ? Duration.ofMillis(1) : left;
    }

    static String ttlMillis(Instant now, Instant end) {
        return Long.toString(ttl(now, end).toMillis());
    }
}
