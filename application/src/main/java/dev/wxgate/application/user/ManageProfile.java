package dev.wxgate.application.user;

import dev.wxgate.domain.user.Profile;
import dev.wxgate.domain.user.User;
import dev.wxgate.domain.user.UserId;
import dev.wxgate.domain.user.UserRegistry;
import java.util.Optional;

/** Use cases: a user reads who wxgate knows them as, and sets the nickname and avatar the mini-program collected. */
public final class ManageProfile {
    private final UserRegistry users;

    public ManageProfile(UserRegistry users) {
        this.users = users;
    }

    public Optional<User> show(UserId userId) {
        return users.find(userId);
    }

    public Optional<User> update(UserId userId, Profile profile) {
        return users.updateProfile(userId, profile);
    }
}
