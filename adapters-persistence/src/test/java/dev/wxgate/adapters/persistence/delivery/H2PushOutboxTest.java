package dev.wxgate.adapters.persistence.delivery;

import java.util.UUID;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The push outbox on an in-memory H2 database of its own (the embedded default's engine). */
class H2PushOutboxTest extends AbstractPushOutboxTest {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry properties) {
        String name = "wxgate_outbox_" + UUID.randomUUID().toString().replace("-", "");
        properties.add("spring.datasource.url", () -> "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1");
        properties.add("spring.datasource.username", () -> "sa");
        properties.add("spring.datasource.password", () -> "");
        properties.add("spring.flyway.locations", () -> MIGRATIONS);
    }
}
