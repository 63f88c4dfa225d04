package dev.wxgate.adapters.persistence.delivery;

import dev.wxgate.testfixtures.DatabaseFixture;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The push outbox on PostgreSQL, in a database of this test run's own. */
class PostgresPushOutboxTest extends AbstractPushOutboxTest {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry properties) {
        DatabaseFixture database = DatabaseFixture.postgres();
        properties.add("spring.datasource.url", database::jdbcUrl);
        properties.add("spring.datasource.username", database::username);
        properties.add("spring.datasource.password", database::password);
        properties.add("spring.flyway.locations", () -> MIGRATIONS);
    }
}
