package dev.wxgate.application.audit;

import dev.wxgate.domain.audit.AuditEntry;
import dev.wxgate.domain.audit.AuditLog;
import dev.wxgate.domain.audit.AuditQuery;
import java.util.List;

/** Use case: an operator reads what operators and clients did, newest first. */
public final class ReadAuditLog {
    private final AuditLog audit;

    public ReadAuditLog(AuditLog audit) {
        this.audit = audit;
    }

    /** @throws dev.wxgate.domain.StoreUnavailableException when the database cannot be reached */
    public List<AuditEntry> read(AuditQuery query) {
        return audit.find(query);
    }
}
