package dev.wxgate.domain.audit;

import java.util.List;

/** Secondary port: the audit log of what operators and clients did, kept in the database for the console. */
public interface AuditLog {

    /** Appends {@code event}; returns the id the log gave it. */
    long record(AuditEvent event);

    /** The entries {@code query} selects, newest first. */
    List<AuditEntry> find(AuditQuery query);
}
