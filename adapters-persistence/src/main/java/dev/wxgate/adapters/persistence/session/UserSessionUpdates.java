package dev.wxgate.adapters.persistence.session;

import static dev.wxgate.adapters.persistence.session.SessionHashCodec.micros;

import dev.wxgate.domain.app.AppId;
import dev.wxgate.domain.session.SessionId;
import dev.wxgate.domain.session.SessionKey;
import dev.wxgate.domain.session.UserSnapshot;
import dev.wxgate.domain.user.UserId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;

/**
 * The changes {@link RedissonSessionRepository} makes to all of a user's live sessions at once: a new user snapshot,
 * and re-keying with a new WeChat session_key. Each is one script in the user's slot, so on Redis Cluster too.
 */
final class UserSessionUpdates {
    private final RedissonClient redisson;
    private final SessionKeys names;
    private final SessionKeyCipher cipher;
    private final SessionRedisCommands commands;

    UserSessionUpdates(
            RedissonClient redisson, SessionKeys names, SessionKeyCipher cipher, SessionRedisCommands commands) {
        this.redisson = redisson;
        this.names = names;
        this.cipher = cipher;
        this.commands = commands;
    }

    /** Gives the user's live sessions {@code snapshot}; answers how many. */
    int snapshot(UserId userId, UserSnapshot snapshot, Instant now) {
        List<Object> args = new ArrayList<>(List.of(names.sessionKeyPrefix(userId), micros(now)));
        SessionHashCodec.snapshotFields(snapshot).forEach((field, value) -> {
            args.add(field);
            args.add(value);
        });
        List<Object> result = commands.eval(SessionScripts.USER_SNAPSHOT, List.of(names.indexKey(userId)), args);
        return Integer.parseInt((String) result.getFirst());
    }

    /**
     * Gives the user's live sessions of {@code appId} {@code sessionKey}; answers how many. The key is sealed per
     * session, so the ids are read first; then one script writes them into the sessions still live.
     */
    int sessionKey(UserId userId, AppId appId, SessionKey sessionKey, Instant now) {
        Collection<String> ids = redisson.<String>getScoredSortedSet(names.indexKey(userId), StringCodec.INSTANCE)
                .readAll();
        if (ids.isEmpty()) {
            return 0;
        }
        List<Object> args = new ArrayList<>(List.of(names.sessionKeyPrefix(userId), micros(now), appId.value()));
        for (String id : ids) {
            args.add(id);
            args.add(cipher.seal(sessionKey, new SessionId(id)));
        }
        List<Object> result = commands.eval(SessionScripts.SESSION_KEY, List.of(names.indexKey(userId)), args);
        return Integer.parseInt((String) result.getFirst());
    }
}
