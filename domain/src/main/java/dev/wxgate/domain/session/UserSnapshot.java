package dev.wxgate.domain.session;

import dev.wxgate.domain.Require;
import dev.wxgate.domain.user.Profile;
import dev.wxgate.domain.user.UnionId;
import dev.wxgate.domain.user.User;
import java.time.Instant;
import java.util.Optional;

/**
 * What a session knows of its user beyond the id, so that "who am I" is answered from the session alone: the unionid,
 * the profile and when the user registered. Rewritten in all the user's live sessions whenever one of them changes.
 */
public record UserSnapshot(Optional<UnionId> unionId, Profile profile, Instant registeredAt) {

    public UserSnapshot {
        Require.present(unionId, "unionid");
        Require.present(profile, "profile");
        Require.present(registeredAt, "registeredAt");
    }

    public static UserSnapshot of(User user) {
        return new UserSnapshot(user.unionId(), user.profile(), user.registeredAt());
    }
}
