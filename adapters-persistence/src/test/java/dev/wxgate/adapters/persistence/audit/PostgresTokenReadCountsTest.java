package dev.wxgate.adapters.persistence.audit;

import dev.wxgate.testfixtures.DatabaseFixture;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Token read counts on PostgreSQL, in a database of this test run's own. */
class PostgresTokenReadCountsTest extends AbstractTokenReadCountsTest {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry properties) {
        DatabaseFixture database = DatabaseFixture.postgres();
        properties.add("spring.datasource.url", database::jdbcUrl);
        properties.add("spring.datasource.username", database::username);
        properties.add("spring.datasource.password", database::password);
        properties.add("spring.flyway.locations", () -> MIGRATIONS);
    }
}
