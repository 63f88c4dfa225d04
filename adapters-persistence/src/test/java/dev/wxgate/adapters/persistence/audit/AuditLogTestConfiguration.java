package dev.wxgate.adapters.persistence.audit;

import org.apache.ibatis.session.SqlSessionFactory;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.context.annotation.Bean;

/** The audit log tests' slice: MyBatis and Flyway through {@code @MybatisTest}, the log built as bootstrap builds it. */
@SpringBootConfiguration
class AuditLogTestConfiguration {

    @Bean
    MyBatisAuditLog auditLog(SqlSessionFactory sqlSessionFactory) {
        return new MyBatisAuditLog(sqlSessionFactory);
    }

    @Bean
    MyBatisTokenReadCounts tokenReadCounts(SqlSessionFactory sqlSessionFactory) {
        return new MyBatisTokenReadCounts(sqlSessionFactory);
    }
}
