package dev.wxgate.adapters.persistence.operator;

import org.apache.ibatis.session.SqlSessionFactory;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The operator directory tests' slice: MyBatis and Flyway through {@code @MybatisTest}, the directory and the
 * sign-in throttle built as bootstrap builds them.
 */
@SpringBootConfiguration
class OperatorDirectoryTestConfiguration {

    @Bean
    MyBatisOperatorDirectory operatorDirectory(SqlSessionFactory sqlSessionFactory) {
        return new MyBatisOperatorDirectory(sqlSessionFactory);
    }

    @Bean
    MyBatisSignInThrottle signInThrottle(
            SqlSessionFactory sqlSessionFactory, PlatformTransactionManager transactionManager) {
        return new MyBatisSignInThrottle(sqlSessionFactory, transactionManager);
    }
}
