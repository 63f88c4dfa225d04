package dev.wxgate.domain.oauth;

import dev.wxgate.domain.Require;
import dev.wxgate.domain.user.Identity;
import dev.wxgate.domain.user.UserId;
import java.time.Instant;

/**
 * A finished web login waiting for its page to claim it with the one-time handoff code: who logged in, through which
 * identity, whether the login registered the user, and until when the code is good. No session exists yet: it is
 * opened when the page exchanges the code, so no session token ever rests in the store or passes through a URL.
 */
public record Handoff(UserId userId, Identity identity, boolean newUser, Instant expiresAt) {
    public Handoff {
        Require.present(userId, "userId");
        Require.present(identity, "identity");
        Require.present(expiresAt, "expiresAt");
    }
}
