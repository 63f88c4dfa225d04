package dev.wxgate.adapters.persistence.operator;

import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import dev.wxgate.domain.StoreUnavailableException;
import java.time.Instant;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.mybatis.spring.SqlSessionFactoryBean;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Database failures reach the caller as {@link StoreUnavailableException}, naming the operation: a sign-in that cannot
 * be checked or counted is refused by the console, never let through.
 */
class MyBatisSignInThrottleFailureTest {

    @Test
    void anUnreachableDatabaseMakesTheThrottleUnavailable() throws Exception {
        DataSource dataSource = new DriverManagerDataSource("jdbc:postgresql://127.0.0.1:1/none");
        SqlSessionFactoryBean factory = new SqlSessionFactoryBean();
        factory.setDataSource(dataSource);
        MyBatisSignInThrottle throttle =
                new MyBatisSignInThrottle(factory.getObject(), new DataSourceTransactionManager(dataSource));
        Instant now = Instant.now();

        assertThatExceptionOfType(StoreUnavailableException.class)
                .isThrownBy(() -> throttle.recordOperatorFailure("admin", "192.0.2.1"))
                .withMessage("the sign-in throttle failed to count a failed sign-in");
        assertThatExceptionOfType(StoreUnavailableException.class)
                .isThrownBy(() -> throttle.recordAddressFailure("192.0.2.1", now, now))
                .withMessage("the sign-in throttle failed to count a failed sign-in");
        assertThatExceptionOfType(StoreUnavailableException.class)
                .isThrownBy(() -> throttle.operatorLockedUntil("admin", "192.0.2.1"))
                .withMessage("the sign-in throttle failed to read a lock");
        assertThatExceptionOfType(StoreUnavailableException.class)
                .isThrownBy(() -> throttle.addressLockedUntil("192.0.2.1"));
        assertThatExceptionOfType(StoreUnavailableException.class)
                .isThrownBy(() -> throttle.lockOperator("admin", "192.0.2.1", now));
        assertThatExceptionOfType(StoreUnavailableException.class)
                .isThrownBy(() -> throttle.lockAddress("192.0.2.1", now));
        assertThatExceptionOfType(StoreUnavailableException.class)
                .isThrownBy(() -> throttle.clearOperator("admin", "192.0.2.1"));
        assertThatExceptionOfType(StoreUnavailableException.class).isThrownBy(() -> throttle.clearOperator("admin"));
        assertThatExceptionOfType(StoreUnavailableException.class).isThrownBy(() -> throttle.operatorLocks(now));
    }
}
