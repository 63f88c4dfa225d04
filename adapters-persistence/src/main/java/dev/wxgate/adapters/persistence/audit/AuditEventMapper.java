package dev.wxgate.adapters.persistence.audit;

import java.util.List;
import org.apache.ibatis.annotations.Param;

/** MyBatis mapper of the audit_event table; the SQL is in AuditEventMapper.xml beside it. */
interface AuditEventMapper {

    void insert(NewAuditEventRow row);

    List<AuditEventRow> find(
            @Param("kind") String kind,
            @Param("appId") String appId,
            @Param("beforeId") Long beforeId,
            @Param("limit") int limit);
}
