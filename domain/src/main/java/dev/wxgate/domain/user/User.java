package dev.wxgate.domain.user;

import dev.wxgate.domain.Require;
import java.time.Instant;
import java.util.Optional;

/** A person known to wxgate, reached through one or more identities. */
public record User(UserId id, Optional<UnionId> unionId, Instant registeredAt) {
    public User {
        Require.present(id, "userId");
        Require.present(unionId, "unionid");
        Require.present(registeredAt, "registeredAt");
    }
}
