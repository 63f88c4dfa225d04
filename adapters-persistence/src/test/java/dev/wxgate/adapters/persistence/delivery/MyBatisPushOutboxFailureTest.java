package dev.wxgate.adapters.persistence.delivery;

import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import dev.wxgate.domain.PageRequest;
import dev.wxgate.domain.StoreUnavailableException;
import dev.wxgate.domain.delivery.Claim;
import dev.wxgate.domain.delivery.DeliveryQuery;
import dev.wxgate.domain.delivery.PushOutbox.Lease;
import dev.wxgate.domain.delivery.Sink;
import dev.wxgate.domain.delivery.StoredPush;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.mybatis.spring.SqlSessionFactoryBean;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Database failures reach the caller as {@link StoreUnavailableException}, naming the operation and never the message:
 * a push that cannot be stored is answered with an error, so that WeChat sends it again.
 */
class MyBatisPushOutboxFailureTest {
    private static final Instant NOW = AbstractPushOutboxTest.AT;
    private final StoredPush push = AbstractPushOutboxTest.push(AbstractPushOutboxTest.APP, "msg:secret-words", NOW);
    private final Claim claim = new Claim(push, Sink.WEBHOOK, 1, "node-a", NOW.plusSeconds(30));

    @Test
    void anUnreachableDatabaseMakesTheOutboxUnavailable() throws Exception {
        MyBatisPushOutbox outbox = outboxOn(new DriverManagerDataSource("jdbc:postgresql://127.0.0.1:1/none"));

        assertThatExceptionOfType(StoreUnavailableException.class)
                .isThrownBy(() -> outbox.store(push, Set.of(Sink.WEBHOOK), Optional.empty(), NOW))
                .withMessage("the push outbox failed to store a push");
        assertThatExceptionOfType(StoreUnavailableException.class)
                .isThrownBy(() -> outbox.store(
                        push,
                        Set.of(Sink.WEBHOOK),
                        Optional.of(new Lease("node-a", NOW.plusSeconds(5), Sink.WEBHOOK)),
                        NOW))
                .withMessage("the push outbox failed to store a push");
        assertThatExceptionOfType(StoreUnavailableException.class)
                .isThrownBy(() -> outbox.claim("node-a", 10, Duration.ofSeconds(30), NOW))
                .withMessage("the push outbox failed to claim deliveries");
        assertThatExceptionOfType(StoreUnavailableException.class).isThrownBy(() -> outbox.delivered(claim, NOW));
        assertThatExceptionOfType(StoreUnavailableException.class)
                .isThrownBy(() -> outbox.retryLater(claim, NOW, "HTTP 500"));
        assertThatExceptionOfType(StoreUnavailableException.class)
                .isThrownBy(() -> outbox.dead(claim, "HTTP 500", NOW));
        assertThatExceptionOfType(StoreUnavailableException.class)
                .isThrownBy(() ->
                        outbox.list(new DeliveryQuery(Optional.empty(), Optional.empty(), PageRequest.of(0, 10))));
        assertThatExceptionOfType(StoreUnavailableException.class)
                .isThrownBy(() -> outbox.replay(push.id(), Sink.WEBHOOK, NOW));
        assertThatExceptionOfType(StoreUnavailableException.class)
                .isThrownBy(() -> outbox.replayDead(Optional.empty(), NOW));
        assertThatExceptionOfType(StoreUnavailableException.class)
                .isThrownBy(() -> outbox.find(push.id(), Sink.WEBHOOK))
                .withMessage("the push outbox failed to find a delivery");
        assertThatExceptionOfType(StoreUnavailableException.class)
                .isThrownBy(() -> outbox.purgeDelivered(NOW, 100))
                .withMessage("the push outbox failed to purge delivered pushes");
        assertThatExceptionOfType(StoreUnavailableException.class).isThrownBy(outbox::depth);
    }

    @Test
    void aDatabaseWithoutTheTablesMakesTheOutboxUnavailableWithoutSqlOrMessageInItsMessage() throws Exception {
        String name = "wxgate_outbox_empty_" + UUID.randomUUID().toString().replace("-", "");
        MyBatisPushOutbox outbox =
                outboxOn(new DriverManagerDataSource("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1", "sa", ""));

        assertThatExceptionOfType(StoreUnavailableException.class)
                .isThrownBy(() -> outbox.store(push, Set.of(Sink.WEBHOOK), Optional.empty(), NOW))
                .withMessage("the push outbox failed to store a push");
        assertThatExceptionOfType(StoreUnavailableException.class)
                .isThrownBy(() -> outbox.claim("node-a", 10, Duration.ofSeconds(30), NOW))
                .withMessage("the push outbox failed to claim deliveries");
        assertThatExceptionOfType(StoreUnavailableException.class)
                .isThrownBy(() -> outbox.retryLater(claim, NOW, "HTTP 500"))
                .withMessage("the push outbox failed to record a failed attempt");
    }

    private static MyBatisPushOutbox outboxOn(DataSource dataSource) throws Exception {
        SqlSessionFactoryBean factory = new SqlSessionFactoryBean();
        factory.setDataSource(dataSource);
        return new MyBatisPushOutbox(factory.getObject(), new DataSourceTransactionManager(dataSource));
    }
}
