package dev.wxgate.adapters.persistence.session;

import dev.wxgate.domain.Page;
import dev.wxgate.domain.PageRequest;
import dev.wxgate.domain.session.Session;
import dev.wxgate.domain.session.SessionId;
import dev.wxgate.domain.user.UserId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.redisson.api.RBatch;
import org.redisson.api.RFuture;
import org.redisson.api.RScoredSortedSetAsync;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;

/**
 * The listings of {@link RedissonSessionRepository}: a user's sessions (from the user's index) and the console's page
 * of active sessions (from {@code sessions:active}, cleaned of ended members as it goes).
 */
final class SessionListings {
    private final RedissonClient redisson;
    private final SessionKeys names;
    private final SessionRedisCommands commands;
    private final SessionResealer opener;

    SessionListings(RedissonClient redisson, SessionKeys names, SessionRedisCommands commands, SessionResealer opener) {
        this.redisson = redisson;
        this.names = names;
        this.commands = commands;
        this.opener = opener;
    }

    /** The user's live sessions, newest first. */
    List<Session> byUser(UserId userId, Instant now) {
        List<String> ids = List.copyOf(redisson.<String>getScoredSortedSet(names.indexKey(userId), StringCodec.INSTANCE)
                .valueRangeReversed(0, -1));
        List<Session> sessions = new ArrayList<>();
        for (Optional<SealedSession> sealed : commands.read(ids.stream()
                .map(id -> names.sessionKey(userId, new SessionId(id)))
                .toList())) {
            sealed.filter(s -> s.isActiveAt(now)).flatMap(opener::open).ifPresent(sessions::add);
        }
        return sessions;
    }

    /** A page of the active sessions, latest expiry first. */
    Page<Session> active(PageRequest page, Instant now) {
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
        List<Optional<SealedSession>> sessions = commands.read(keys);
        for (int i = 0; i < pointers.size(); i++) {
            Optional<SealedSession> live = sessions.get(i).filter(s -> s.isActiveAt(now));
            if (live.isPresent()) {
                opener.open(live.get()).ifPresent(items::add);
            } else {
                // A member whose session ended or was dropped without it: the set must not list it again.
                stale.add(pointers.get(i));
            }
        }
        if (!stale.isEmpty()) {
            redisson.getScoredSortedSet(names.activeKey(), StringCodec.INSTANCE).removeAll(stale);
        }
        return new Page<>(items, Math.max(0, total.toCompletableFuture().join() - stale.size()), page);
    }
}
