package dev.wxgate.adapters.persistence.operator;

import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import dev.wxgate.domain.StoreUnavailableException;
import dev.wxgate.domain.operator.Operator;
import dev.wxgate.domain.operator.OperatorRole;
import java.time.Instant;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.mybatis.spring.SqlSessionFactoryBean;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Database failures reach the caller as {@link StoreUnavailableException}, naming the operation, at once; a failed
 * insert is never mistaken for a taken username.
 */
class MyBatisOperatorDirectoryFailureTest {
    private static final Operator ADMIN = Operator.created("admin", "hash", OperatorRole.ADMIN, Instant.now());

    @Test
    void anUnreachableDatabaseMakesTheDirectoryUnavailable() throws Exception {
        MyBatisOperatorDirectory directory =
                directoryOn(new DriverManagerDataSource("jdbc:postgresql://127.0.0.1:1/none"));

        assertThatExceptionOfType(StoreUnavailableException.class)
                .isThrownBy(() -> directory.find("admin"))
                .withMessage("the operator store failed to read an operator");
        assertThatExceptionOfType(StoreUnavailableException.class)
                .isThrownBy(() -> directory.add(ADMIN))
                .withMessage("the operator store failed to add an operator");
        assertThatExceptionOfType(StoreUnavailableException.class).isThrownBy(directory::isEmpty);
        assertThatExceptionOfType(StoreUnavailableException.class)
                .isThrownBy(() -> directory.recordLogin("admin", Instant.now()));
        assertThatExceptionOfType(StoreUnavailableException.class)
                .isThrownBy(() -> directory.changePassword("admin", "hash"))
                .withMessage("the operator store failed to change a password");
        assertThatExceptionOfType(StoreUnavailableException.class)
                .isThrownBy(() -> directory.remove("admin"))
                .withMessage("the operator store failed to remove an operator");
        assertThatExceptionOfType(StoreUnavailableException.class).isThrownBy(directory::all);
    }

    @Test
    void aDatabaseWithoutTheSchemaMakesTheDirectoryUnavailable() throws Exception {
        MyBatisOperatorDirectory directory = directoryOn(new DriverManagerDataSource(
                "jdbc:h2:mem:empty_" + UUID.randomUUID().toString().replace("-", "") + ";DB_CLOSE_DELAY=-1"));

        assertThatExceptionOfType(StoreUnavailableException.class)
                .isThrownBy(() -> directory.add(ADMIN))
                .withMessage("the operator store failed to add an operator");
        assertThatExceptionOfType(StoreUnavailableException.class).isThrownBy(directory::isEmpty);
        assertThatExceptionOfType(StoreUnavailableException.class).isThrownBy(() -> directory.remove("admin"));
    }

    private static MyBatisOperatorDirectory directoryOn(DataSource dataSource) throws Exception {
        SqlSessionFactoryBean factory = new SqlSessionFactoryBean();
        factory.setDataSource(dataSource);
        return new MyBatisOperatorDirectory(factory.getObject());
    }
}
