package dev.wxgate.domain.audit;

import dev.wxgate.domain.Require;

/** An audit event as the log keeps it, with the id the log gave it (ids grow with time). */
public record AuditEntry(long id, AuditEvent event) {
    public AuditEntry {
        if (id < 1) {
            throw new IllegalArgumentException("id must be positive");
        }
        Require.present(event, "event");
    }
}
