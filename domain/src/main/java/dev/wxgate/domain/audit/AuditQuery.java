package dev.wxgate.domain.audit;

import dev.wxgate.domain.Require;
import dev.wxgate.domain.app.AppId;
import java.util.Optional;

/**
 * Which audit entries to list, newest first: optionally of one kind or app, older than the entry {@code beforeId}
 * (the cursor of the next page), at most {@code limit}.
 */
public record AuditQuery(Optional<AuditKind> kind, Optional<AppId> appId, Optional<Long> beforeId, int limit) {
    public static final int MAX_LIMIT = 500;

    public AuditQuery {
        Require.present(kind, "kind");
        Require.present(appId, "appId");
        Require.present(beforeId, "beforeId");
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be 1 to " + MAX_LIMIT);
        }
    }

    /** The newest {@code limit} entries of any kind. */
    public static AuditQuery latest(int limit) {
        return new AuditQuery(Optional.empty(), Optional.empty(), Optional.empty(), limit);
    }

    public AuditQuery ofKind(AuditKind only) {
        return new AuditQuery(Optional.of(only), appId, beforeId, limit);
    }

    public AuditQuery ofApp(AppId only) {
        return new AuditQuery(kind, Optional.of(only), beforeId, limit);
    }

    public AuditQuery before(long id) {
        return new AuditQuery(kind, appId, Optional.of(id), limit);
    }
}
