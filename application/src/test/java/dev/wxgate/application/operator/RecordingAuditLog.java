package dev.wxgate.application.operator;

import dev.wxgate.domain.audit.AuditEntry;
import dev.wxgate.domain.audit.AuditEvent;
import dev.wxgate.domain.audit.AuditLog;
import dev.wxgate.domain.audit.AuditQuery;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps audit events in a list. */
final class RecordingAuditLog implements AuditLog {
    final List<AuditEvent> events = new CopyOnWriteArrayList<>();

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
