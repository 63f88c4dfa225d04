package dev.wxgate.application.user;

import dev.wxgate.domain.Page;
import dev.wxgate.domain.PageRequest;
import dev.wxgate.domain.session.Session;
import dev.wxgate.domain.session.SessionRepository;
import dev.wxgate.domain.user.User;
import dev.wxgate.domain.user.UserId;
import dev.wxgate.domain.user.UserQuery;
import dev.wxgate.domain.user.UserRegistry;
import java.util.List;
import java.util.Optional;

/** Use case: an operator searches users and looks at one, with its identities and live sessions. */
public final class FindUsers {
    private final UserRegistry users;
    private final SessionRepository sessions;

    public FindUsers(UserRegistry users, SessionRepository sessions) {
        this.users = users;
        this.sessions = sessions;
    }

    /** @throws dev.wxgate.domain.StoreUnavailableException when a store cannot be reached */
    public Page<User> search(UserQuery query, PageRequest page) {
        return users.search(query, page);
    }

    /** The user and its live sessions, newest first; empty when there is no such user. */
    public Optional<UserDetail> detail(UserId id) {
        return users.find(id).map(user -> new UserDetail(user, sessions.findByUser(id)));
    }

    public record UserDetail(User user, List<Session> sessions) {
        public UserDetail {
            sessions = List.copyOf(sessions);
        }
    }
}
