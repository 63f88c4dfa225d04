package dev.wxgate.adapters.persistence.user;

import dev.wxgate.adapters.persistence.AccessibleObjectFactory;
import dev.wxgate.testfixtures.MutableClock;
import java.time.Instant;
import org.apache.ibatis.session.SqlSessionFactory;
import org.mybatis.spring.boot.autoconfigure.ConfigurationCustomizer;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * What the user registry tests' slice starts from: MyBatis's and Flyway's Spring Boot auto-configuration (through
 * {@code @MybatisTest}), and the registry built from their beans exactly as bootstrap builds it.
 */
@SpringBootConfiguration
class UserRegistryTestConfiguration {

    @Bean
    MutableClock clock() {
        return new MutableClock(Instant.parse("2026-11-24T08:00:00.123456789Z"));
    }

    @Bean
    ConfigurationCustomizer accessibleRows() {
        return configuration -> configuration.setObjectFactory(new AccessibleObjectFactory());
    }

    @Bean
    MyBatisUserRegistry userRegistry(
            SqlSessionFactory sqlSessionFactory, PlatformTransactionManager transactionManager, MutableClock clock) {
        return new MyBatisUserRegistry(sqlSessionFactory, transactionManager, clock);
    }
}
