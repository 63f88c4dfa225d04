package dev.wxgate.domain.user;

import dev.wxgate.domain.Require;
import dev.wxgate.domain.app.AppId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A person known to wxgate, reached through one or more identities (one per app), in the order they were first seen.
 * {@code unionId} is set once an identity brought one; other apps of the same Open Platform account then reach this
 * user too.
 */
public record User(
        UserId id, Optional<UnionId> unionId, Profile profile, Instant registeredAt, List<Identity> identities) {

    public User {
        Require.present(id, "userId");
        Require.present(unionId, "unionid");
        Require.present(profile, "profile");
        Require.present(registeredAt, "registeredAt");
        identities = List.copyOf(Require.present(identities, "identities"));
        if (identities.isEmpty()) {
            throw new IllegalArgumentException("identities must not be empty");
        }
    }

    /** Whether the user set both a nickname and an avatar. */
    public boolean profileComplete() {
        return profile.isComplete();
    }

    /** The user's identity in {@code appId}, if the user ever logged in there. */
    public Optional<Identity> identityIn(AppId appId) {
        return identities.stream()
                .filter(identity -> identity.appId().equals(appId))
                .findFirst();
    }
}
