package dev.wxgate.adapters.persistence.audit;

import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import dev.wxgate.domain.StoreUnavailableException;
import dev.wxgate.domain.audit.AuditEvent;
import dev.wxgate.domain.audit.AuditOutcome;
import dev.wxgate.domain.audit.AuditQuery;
import java.time.Instant;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.mybatis.spring.SqlSessionFactoryBean;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** Database failures reach the caller as {@link StoreUnavailableException}, naming the operation, at once. */
class MyBatisAuditLogFailureTest {
    private static final AuditEvent EVENT = AuditEvent.tokenForceRefresh(
            Instant.now(), "alice", AbstractAuditLogTest.randomAppId(), "test", AuditOutcome.SUCCESS, null);

    @Test
    void anUnreachableDatabaseMakesTheLogUnavailable() throws Exception {
        MyBatisAuditLog log = logOn(new DriverManagerDataSource("jdbc:postgresql://127.0.0.1:1/none"));

        assertThatExceptionOfType(StoreUnavailableException.class)
                .isThrownBy(() -> log.record(EVENT))
                .withMessageStartingWith("the audit log could not record a token_force_refresh event");
        assertThatExceptionOfType(StoreUnavailableException.class)
                .isThrownBy(() -> log.find(AuditQuery.latest(10)))
                .withMessageStartingWith("the audit log could not be read");
    }

    @Test
    void aDatabaseWithoutTheSchemaMakesTheLogUnavailable() throws Exception {
        MyBatisAuditLog log = logOn(new DriverManagerDataSource(
                "jdbc:h2:mem:empty_" + UUID.randomUUID().toString().replace("-", "") + ";DB_CLOSE_DELAY=-1"));

        assertThatExceptionOfType(StoreUnavailableException.class).isThrownBy(() -> log.record(EVENT));
    }

    private static MyBatisAuditLog logOn(DataSource dataSource) throws Exception {
        SqlSessionFactoryBean factory = new SqlSessionFactoryBean();
        factory.setDataSource(dataSource);
        return new MyBatisAuditLog(factory.getObject());
    }
}
