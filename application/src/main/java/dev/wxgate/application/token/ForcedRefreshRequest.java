package dev.wxgate.application.token;

import dev.wxgate.domain.Require;
import dev.wxgate.domain.app.AppId;
import dev.wxgate.domain.audit.AuditEvent;

/**
 * Command of {@link ForceRefreshAccessToken}: an operator's request to replace an app's token now, who asks and why,
 * both kept in the audit log.
 */
public record ForcedRefreshRequest(AppId appId, String actor, String reason) {
    public ForcedRefreshRequest {
        Require.present(appId, "appId");
        Require.present(actor, "actor");
        Require.present(reason, "reason");
        if (actor.isBlank() || actor.length() > AuditEvent.MAX_ACTOR) {
            throw new IllegalArgumentException("actor must be 1 to " + AuditEvent.MAX_ACTOR + " characters");
        }
        if (reason.isBlank() || reason.length() > AuditEvent.MAX_TEXT) {
            throw new IllegalArgumentException("reason must be 1 to " + AuditEvent.MAX_TEXT + " characters");
        }
    }
}
