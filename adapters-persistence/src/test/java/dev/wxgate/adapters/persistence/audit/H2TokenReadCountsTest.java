package dev.wxgate.adapters.persistence.audit;

import java.util.UUID;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Token read counts on an in-memory H2 database of its own (the embedded default's engine). */
class H2TokenReadCountsTest extends AbstractTokenReadCountsTest {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry properties) {
        String name = "wxgate_reads_" + UUID.randomUUID().toString().replace("-", "");
        properties.add("spring.datasource.url", () -> "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1");
        properties.add("spring.datasource.username", () -> "sa");
        properties.add("spring.datasource.password", () -> "");
        properties.add("spring.flyway.locations", () -> MIGRATIONS);
    }
}
