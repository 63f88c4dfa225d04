package dev.wxgate.adapters.persistence.audit;

import dev.wxgate.domain.StoreUnavailableException;
import dev.wxgate.domain.app.AppId;
import dev.wxgate.domain.audit.AuditEntry;
import dev.wxgate.domain.audit.AuditEvent;
import dev.wxgate.domain.audit.AuditKind;
import dev.wxgate.domain.audit.AuditLog;
import dev.wxgate.domain.audit.AuditOutcome;
import dev.wxgate.domain.audit.AuditQuery;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.apache.ibatis.session.Configuration;
import org.apache.ibatis.session.SqlSessionFactory;
import org.mybatis.spring.SqlSessionTemplate;
import org.springframework.dao.DataAccessException;

/**
 * Adapter: the audit log in SQL through MyBatis (table audit_event, by Flyway's V2__audit.sql). Each event is one
 * insert in its own transaction; database failures surface as {@link StoreUnavailableException}.
 */
public final class MyBatisAuditLog implements AuditLog {
    private final AuditEventMapper mapper;

    /**
     * @param sqlSessionFactory a Spring-managed factory (as MyBatis's Spring Boot starter builds it); the mapper is
     *     registered in its configuration here
     */
    public MyBatisAuditLog(SqlSessionFactory sqlSessionFactory) {
        Configuration configuration = sqlSessionFactory.getConfiguration();
        synchronized (configuration) {
            if (!configuration.hasMapper(AuditEventMapper.class)) {
                configuration.addMapper(AuditEventMapper.class);
            }
        }
        this.mapper = new SqlSessionTemplate(sqlSessionFactory).getMapper(AuditEventMapper.class);
    }

    @Override
    public long record(AuditEvent event) {
        NewAuditEventRow row = new NewAuditEventRow(
                LocalDateTime.ofInstant(event.occurredAt(), ZoneOffset.UTC),
                event.kind().code(),
                event.actor(),
                event.appId().map(AppId::value).orElse(null),
                event.subject().orElse(null),
                event.reason().orElse(null),
                event.outcome().code(),
                event.detail().orElse(null));
        try {
            mapper.insert(row);
        } catch (DataAccessException failed) {
            throw new StoreUnavailableException(
                    "the audit log could not record a " + event.kind().code() + " event: "
                            + failed.getClass().getSimpleName(),
                    failed);
        }
        return row.getId();
    }

    @Override
    public List<AuditEntry> find(AuditQuery query) {
        List<AuditEventRow> rows;
        try {
            rows = mapper.find(
                    query.kind().map(AuditKind::code).orElse(null),
                    query.appId().map(AppId::value).orElse(null),
                    query.beforeId().orElse(null),
                    query.limit());
        } catch (DataAccessException failed) {
            throw new StoreUnavailableException(
                    "the audit log could not be read: " + failed.getClass().getSimpleName(), failed);
        }
        return rows.stream().map(MyBatisAuditLog::toDomain).toList();
    }

    private static AuditEntry toDomain(AuditEventRow row) {
        AuditEvent event = new AuditEvent(
                AuditKind.fromCode(row.kind())
                        .orElseThrow(
                                () -> new IllegalStateException("audit_event " + row.id() + " has an unknown kind")),
                row.occurredAt().toInstant(ZoneOffset.UTC),
                row.actor(),
                Optional.ofNullable(row.appId()).map(AppId::of),
                Optional.ofNullable(row.subject()),
                Optional.ofNullable(row.reason()),
                AuditOutcome.fromCode(row.outcome())
                        .orElseThrow(
                                () -> new IllegalStateException("audit_event " + row.id() + " has an unknown outcome")),
                Optional.ofNullable(row.detail()));
        return new AuditEntry(row.id(), event);
    }
}
