package dev.wxgate.application;

import dev.wxgate.domain.audit.AuditEntry;
import dev.wxgate.domain.audit.AuditEvent;
import dev.wxgate.domain.audit.AuditLog;
import dev.wxgate.domain.audit.AuditQuery;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps audit events in a list, for the use case tests of every package. */
public final class RecordingAuditLog implements AuditLog {
    public final List<AuditEvent> events = new CopyOnWriteArrayList<>();

    @Override
    public long record(AuditEvent event) {
        events.add(event);
        return events.size();
    }

    @Override
    public List<AuditEntry> find(AuditQuery query) {
        throw new UnsupportedOperationException("not needed by the use cases");
    }
}
