package dev.wxgate.adapters.persistence.delivery;

import dev.wxgate.adapters.persistence.AccessibleObjectFactory;
import org.apache.ibatis.session.SqlSessionFactory;
import org.mybatis.spring.boot.autoconfigure.ConfigurationCustomizer;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.transaction.PlatformTransactionManager;

/** The push outbox tests' slice: MyBatis and Flyway through {@code @MybatisTest}, the outbox built as bootstrap builds it. */
@SpringBootConfiguration
class PushOutboxTestConfiguration {

    @Bean
    ConfigurationCustomizer accessibleRows() {
        return configuration -> configuration.setObjectFactory(new AccessibleObjectFactory());
    }

    @Bean
    MyBatisPushOutbox pushOutbox(SqlSessionFactory sqlSessionFactory, PlatformTransactionManager transactionManager) {
        return new MyBatisPushOutbox(sqlSessionFactory, transactionManager);
    }
}
