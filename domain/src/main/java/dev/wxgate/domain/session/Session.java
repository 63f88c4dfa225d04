package dev.wxgate.domain.session;

import dev.wxgate.domain.Require;
import dev.wxgate.domain.user.Identity;
import dev.wxgate.domain.user.UserId;
import java.time.Instant;

/**
 * A mini-program login: which user, through which identity, with the session_key WeChat issued, and until when it
 * lives. {@code expiresAt} slides with use; {@code absoluteExpiresAt} does not.
 */
public record Session(
        SessionId id,
        UserId userId,
        Identity identity,
        SessionKey sessionKey,
        Instant createdAt,
        Instant lastSeenAt,
        Instant expiresAt,
        Instant absoluteExpiresAt) {

    public Session {
        Require.present(id, "sessionId");
        Require.present(userId, "userId");
        Require.present(identity, "identity");
        Require.present(sessionKey, "session_key");
        Require.present(createdAt, "createdAt");
        Require.present(lastSeenAt, "lastSeenAt");
        Require.present(expiresAt, "expiresAt");
        Require.present(absoluteExpiresAt, "absoluteExpiresAt");
        if (expiresAt.isAfter(absoluteExpiresAt)) {
            throw new IllegalArgumentException("expiresAt must not be after absoluteExpiresAt");
        }
    }

    public boolean isActiveAt(Instant now) {
        return now.isBefore(expiresAt);
    }
}
