package dev.wxgate.adapters.persistence.audit;

import java.time.LocalDateTime;

/** A row of audit_event to insert; MyBatis writes the generated id back into it. */
final class NewAuditEventRow {
    private Long id;
    private final LocalDateTime occurredAt;
    private final String kind;
    private final String actor;
    private final String appId;
    private final String subject;
    private final String reason;
    private final String outcome;
    private final String detail;

    NewAuditEventRow(
            LocalDateTime occurredAt,
            String kind,
            String actor,
            String appId,
            String subject,
            String reason,
            String outcome,
            String detail) {
        this.occurredAt = occurredAt;
        this.kind = kind;
        this.actor = actor;
        this.appId = appId;
        this.subject = subject;
        this.reason = reason;
        this.outcome = outcome;
        this.detail = detail;
    }

    public Long getId() {
        return id;
    }

    public void setId(Long id) {
        this.id = id;
    }

    public LocalDateTime getOccurredAt() {
        return occurredAt;
    }

    public String getKind() {
        return kind;
    }

    public String getActor() {
        return actor;
    }

    public String getAppId() {
        return appId;
    }

    public String getSubject() {
        return subject;
    }

    public String getReason() {
        return reason;
    }

    public String getOutcome() {
        return outcome;
    }

    public String getDetail() {
        return detail;
    }
}
