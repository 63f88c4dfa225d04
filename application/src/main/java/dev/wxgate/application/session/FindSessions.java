package dev.wxgate.application.session;

import dev.wxgate.domain.Page;
import dev.wxgate.domain.PageRequest;
import dev.wxgate.domain.session.Session;
import dev.wxgate.domain.session.SessionRepository;
import dev.wxgate.domain.user.User;
import dev.wxgate.domain.user.UserQuery;
import dev.wxgate.domain.user.UserRegistry;
import java.util.ArrayList;
import java.util.List;

/**
 * Use case: an operator lists live sessions. Without criteria it pages through all of them, the most recently used
 * first. With criteria it finds the matching users first (a user id, an openid, the users of an app) and pages through
 * those users, showing each one's live sessions that match: the session store is indexed by user, not by app.
 */
public final class FindSessions {
    private final SessionRepository sessions;
    private final UserRegistry users;

    public FindSessions(SessionRepository sessions, UserRegistry users) {
        this.sessions = sessions;
        this.users = users;
    }

    /**
     * @return the sessions; with criteria, {@link Page#total()} and the paging count users, not sessions
     * @throws dev.wxgate.domain.StoreUnavailableException when a store cannot be reached
     */
    public Page<Session> find(SessionSearch search, PageRequest page) {
        if (search.isAll()) {
            return sessions.findActive(page);
        }
        UserQuery query = UserQuery.all();
        query = search.userId().map(query::withUserId).orElse(query);
        query = search.appId().map(query::withAppId).orElse(query);
        query = search.openId().map(query::withOpenId).orElse(query);
        Page<User> matching = users.search(query, page);
        List<Session> found = new ArrayList<>();
        for (User user : matching.items()) {
            sessions.findByUser(user.id()).stream()
                    .filter(session -> matches(search, session))
                    .forEach(found::add);
        }
        return new Page<>(found, matching.total(), page);
    }

    private static boolean matches(SessionSearch search, Session session) {
        return search.appId().map(app -> app.equals(session.identity().appId())).orElse(true)
                && search.openId()
                        .map(openId -> openId.equals(session.identity().openId()))
                        .orElse(true);
    }
}
