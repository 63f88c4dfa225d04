package dev.wxgate.adapters.persistence.user;

import static dev.wxgate.adapters.persistence.user.AbstractUserRegistryTest.identity;
import static dev.wxgate.adapters.persistence.user.AbstractUserRegistryTest.randomAppId;
import static dev.wxgate.adapters.persistence.user.AbstractUserRegistryTest.randomOpenId;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import dev.wxgate.domain.PageRequest;
import dev.wxgate.domain.StoreUnavailableException;
import dev.wxgate.domain.user.Profile;
import dev.wxgate.domain.user.UserId;
import dev.wxgate.domain.user.UserQuery;
import java.time.Clock;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.mybatis.spring.SqlSessionFactoryBean;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** Database failures other than a lost race reach the caller as {@link StoreUnavailableException}, at once. */
class MyBatisUserRegistryFailureTest {

    @Test
    void anUnreachableDatabaseMakesTheStoreUnavailable() throws Exception {
        MyBatisUserRegistry registry = registryOn(new DriverManagerDataSource("jdbc:postgresql://127.0.0.1:1/none"));

        assertThatExceptionOfType(StoreUnavailableException.class)
                .isThrownBy(() -> registry.registerOrLoad(identity(randomAppId(), randomOpenId(), null)))
                .withMessage("the user store failed to register a user");
        assertThatExceptionOfType(StoreUnavailableException.class).isThrownBy(() -> registry.find(new UserId(1)));
        assertThatExceptionOfType(StoreUnavailableException.class)
                .isThrownBy(() -> registry.updateProfile(new UserId(1), Profile.EMPTY));
        assertThatExceptionOfType(StoreUnavailableException.class)
                .isThrownBy(() -> registry.search(UserQuery.all(), PageRequest.of(0, 1)));
    }

    @Test
    void aDatabaseWithoutTheSchemaMakesTheStoreUnavailable() throws Exception {
        MyBatisUserRegistry registry = registryOn(new DriverManagerDataSource(
                "jdbc:h2:mem:empty_" + UUID.randomUUID().toString().replace("-", "") + ";DB_CLOSE_DELAY=-1"));

        assertThatExceptionOfType(StoreUnavailableException.class)
                .isThrownBy(() -> registry.registerOrLoad(identity(randomAppId(), randomOpenId(), null)))
                .withMessage("the user store failed to register a user");
    }

    private static MyBatisUserRegistry registryOn(DataSource dataSource) throws Exception {
        SqlSessionFactoryBean factory = new SqlSessionFactoryBean();
        factory.setDataSource(dataSource);
        return new MyBatisUserRegistry(
                factory.getObject(), new DataSourceTransactionManager(dataSource), Clock.systemUTC());
    }
}
