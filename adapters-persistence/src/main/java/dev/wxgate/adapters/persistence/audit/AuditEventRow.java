package dev.wxgate.adapters.persistence.audit;

import java.time.LocalDateTime;

/** A row of audit_event as read; {@code occurredAt} is UTC. */
record AuditEventRow(
        Long id,
        LocalDateTime occurredAt,
        String kind,
        String actor,
        String appId,
        String subject,
        String reason,
        String outcome,
        String detail) {}
