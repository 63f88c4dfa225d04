package dev.wxgate.adapters.persistence.session;

import dev.wxgate.domain.session.SessionId;
import dev.wxgate.domain.user.UserId;
import java.time.Instant;
import org.redisson.api.RBatch;
import org.redisson.api.RScoredSortedSetAsync;
import org.redisson.client.codec.StringCodec;

/** The console's set of active sessions ({@code <userId>:<sessionId>} scored by expiry in µs), through a batch. */
final class ActiveSessions {
    private final RScoredSortedSetAsync<String> set;

    ActiveSessions(String activeKey, RBatch batch) {
        this.set = batch.getScoredSortedSet(activeKey, StringCodec.INSTANCE);
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
