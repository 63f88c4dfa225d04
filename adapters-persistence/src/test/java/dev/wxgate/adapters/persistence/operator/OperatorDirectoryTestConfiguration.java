package dev.wxgate.adapters.persistence.operator;

import org.apache.ibatis.session.SqlSessionFactory;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The operator directory tests' slice: MyBatis and Flyway through {@code @MybatisTest}, the directory built as
 * bootstrap builds it.
 */
@SpringBootConfiguration
class OperatorDirectoryTestConfiguration {

    @Bean
    MyBatisOperatorDirectory operatorDirectory(
            SqlSessionFactory sqlSessionFactory, PlatformTransactionManager transactionManager) {
        return new MyBatisOperatorDirectory(sqlSessionFactory, transactionManager);
    }
}
