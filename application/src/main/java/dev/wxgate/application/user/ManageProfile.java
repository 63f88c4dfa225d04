package dev.wxgate.application.user;

import dev.wxgate.domain.session.Session;
import dev.wxgate.domain.session.SessionRepository;
import dev.wxgate.domain.session.UserSnapshot;
import dev.wxgate.domain.user.Profile;
import dev.wxgate.domain.user.UserId;
import dev.wxgate.domain.user.UserRegistry;
import java.util.Optional;

/**
 * Use cases: a user reads who wxgate knows them as, and sets the nickname and avatar the mini-program collected. The
 * read is answered from the session's snapshot of its user, without reading the user store; a change rewrites that
 * snapshot in all the user's live sessions, so every session on every node answers the new profile at once.
 */
public final class ManageProfile {
    private final UserRegistry users;
    private final SessionRepository sessions;

    public ManageProfile(UserRegistry users, SessionRepository sessions) {
        this.users = users;
        this.sessions = sessions;
    }

    /**
     * What {@code session} knows of its user. A session stored before sessions kept a snapshot reads the user store
     * this once and gives the user's sessions the snapshot; empty only when the user no longer exists.
     */
    public Optional<UserSnapshot> show(Session session) {
        if (session.user().isPresent()) {
            return session.user();
        }
        Optional<UserSnapshot> snapshot = users.find(session.userId()).map(UserSnapshot::of);
        snapshot.ifPresent(user -> sessions.updateUserSnapshot(session.userId(), user));
        return snapshot;
    }

    /** Replaces the user's profile; the user as now known, or empty when there is no such user. */
    public Optional<UserSnapshot> update(UserId userId, Profile profile) {
        Optional<UserSnapshot> snapshot = users.updateProfile(userId, profile).map(UserSnapshot::of);
        snapshot.ifPresent(user -> sessions.updateUserSnapshot(userId, user));
        return snapshot;
    }
}
