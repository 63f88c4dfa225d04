package dev.wxgate.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wxgate.domain.app.AppId;
import dev.wxgate.domain.callback.MessageFormat;
import dev.wxgate.domain.delivery.DeliveryId;
import dev.wxgate.domain.delivery.ForwardSettings;
import dev.wxgate.domain.delivery.Forwarding;
import dev.wxgate.domain.delivery.PushSink;
import dev.wxgate.domain.delivery.PushSink.Outcome;
import dev.wxgate.domain.delivery.Sink;
import dev.wxgate.domain.delivery.StoredPush;
import dev.wxgate.testfixtures.RequiredTool;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.boot.autoconfigure.AutoConfigurationImportFilter;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.io.support.SpringFactoriesLoader;

class RabbitMqDeliveryConfigurationTest {
    private static final AppId APP = AppId.of("wx0123456789abcdef");

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withUserConfiguration(RabbitMqDeliveryConfiguration.class)
            // The delivery wiring's Forwarding, as bound from wxgate.apps[N].forward.*.
            .withBean(
                    Forwarding.class,
                    () -> new Forwarding(Map.of(APP, new ForwardSettings(Optional.empty(), true, Optional.empty()))));

    @Test
    void withoutAnAppForwardingToRabbitMqThereIsNoSinkAndNoConnection() {
        context.withPropertyValues(
                        "wxgate.apps[0].app-id=" + APP.value(),
                        "wxgate.apps[0].forward.rabbitmq=false",
                        "wxgate.apps[1].app-id=wxfedcba9876543210")
                .run(started -> {
                    assertThat(started).hasNotFailed();
                    assertThat(started).doesNotHaveBean(PushSink.class);
                    assertThat(started).doesNotHaveBean(CachingConnectionFactory.class);
                });
    }

    @Test
    void anAppForwardingToRabbitMqGetsTheSinkOnSpringRabbitmqSettings() {
        context.withPropertyValues(
                        "wxgate.apps[0].app-id=wxfedcba9876543210",
                        "wxgate.apps[1].app-id=" + APP.value(),
                        "wxgate.apps[1].forward.rabbitmq=true",
                        "spring.rabbitmq.host=rabbit.internal",
                        "spring.rabbitmq.port=5673",
                        "spring.rabbitmq.username=wxgate",
                        "spring.rabbitmq.password=never-shown",
                        "spring.rabbitmq.virtual-host=pushes")
                .run(started -> {
                    assertThat(started).hasNotFailed();
                    assertThat(started.getBean(PushSink.class).sink()).isEqualTo(Sink.RABBITMQ);
                    CachingConnectionFactory connections = started.getBean(CachingConnectionFactory.class);
                    assertThat(connections.getHost()).isEqualTo("rabbit.internal");
                    assertThat(connections.getPort()).isEqualTo(5673);
                    assertThat(connections.getUsername()).isEqualTo("wxgate");
                    assertThat(connections.getVirtualHost()).isEqualTo("pushes");
                    assertThat(connections.isPublisherConfirms()).isTrue();
                    assertThat(connections.isPublisherReturns()).isTrue();
                    assertThat(connections.getRabbitConnectionFactory().getConnectionTimeout())
                            .isEqualTo((int) RabbitMqDeliveryConfiguration.DEFAULT_CONNECTION_TIMEOUT.toMillis());
                });
    }

    @Test
    void aConfiguredConnectionTimeoutIsKept() {
        context.withPropertyValues(
                        "wxgate.apps[0].app-id=" + APP.value(),
                        "wxgate.apps[0].forward.rabbitmq=true",
                        "spring.rabbitmq.connection-timeout=2s")
                .run(started -> assertThat(started.getBean(CachingConnectionFactory.class)
                                .getRabbitConnectionFactory()
                                .getConnectionTimeout())
                        .isEqualTo(2_000));
    }

    @Test
    void aReservedExchangeNameFailsTheStartNamingTheProperty() {
        context.withPropertyValues(
                        "wxgate.apps[0].app-id=" + APP.value(),
                        "wxgate.apps[0].forward.rabbitmq=true",
                        "wxgate.delivery.rabbitmq.exchange=amq.topic")
                .run(started -> assertThat(started)
                        .getFailure()
                        .hasStackTraceContaining("wxgate.delivery.rabbitmq.exchange must be at most 255 characters"));
    }

    @Test
    void theSinkPublishesToTheConfiguredExchangeOnTheConfiguredBroker() {
        requireBroker();
        String exchange = "wxgate.test." + UUID.randomUUID();
        CachingConnectionFactory testConnections = new CachingConnectionFactory("127.0.0.1", 5672);
        RabbitAdmin admin = new RabbitAdmin(testConnections);
        try {
            admin.declareExchange(new TopicExchange(exchange, true, false));
            String queue = admin.declareQueue().getName();
            admin.declareBinding(
                    new Binding(queue, Binding.DestinationType.QUEUE, exchange, APP.value() + ".event.#", null));

            context.withPropertyValues(
                            "wxgate.apps[0].app-id=" + APP.value(),
                            "wxgate.apps[0].forward.rabbitmq=true",
                            "spring.rabbitmq.host=127.0.0.1",
                            "spring.rabbitmq.port=5672",
                            "spring.rabbitmq.username=guest",
                            "spring.rabbitmq.password=guest",
                            "wxgate.delivery.rabbitmq.exchange=" + exchange)
                    .run(started -> {
                        PushSink sink = started.getBean(PushSink.class);
                        StoredPush push = push();
                        assertThat(sink.takes(push)).isTrue();
                        assertThat(sink.deliver(push, 1, Duration.ofSeconds(10)))
                                .isEqualTo(new Outcome.Delivered(Optional.empty()));
                    });

            Message received = new RabbitTemplate(testConnections).receive(queue);
            assertThat(received).isNotNull();
            assertThat(received.getMessageProperties().getReceivedRoutingKey())
                    .isEqualTo(APP.value() + ".event.subscribe");
        } finally {
            admin.deleteExchange(exchange);
            testConnections.destroy();
        }
    }

    @Test
    void bootsRabbitAutoConfigurationIsAlwaysKeptOut() {
        String[] candidates = {
            "org.springframework.boot.amqp.autoconfigure.RabbitAutoConfiguration",
            "org.springframework.boot.amqp.autoconfigure.health.RabbitHealthContributorAutoConfiguration",
            "org.springframework.boot.amqp.autoconfigure.metrics.RabbitMetricsAutoConfiguration",
            "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration"
        };

        assertThat(new RabbitMqAutoConfigurationFilter().match(candidates, null))
                .containsExactly(false, false, false, true);
        assertThat(SpringFactoriesLoader.forDefaultResourceLocation().load(AutoConfigurationImportFilter.class))
                .hasAtLeastOneElementOfType(RabbitMqAutoConfigurationFilter.class);
    }

    private static StoredPush push() {
        return new StoredPush(
                DeliveryId.random(),
                APP,
                "msg:1",
                "event",
                Optional.of("subscribe"),
                MessageFormat.XML,
                "<xml><MsgType><![CDATA[event]]></MsgType></xml>",
                "{\"MsgType\":\"event\"}",
                Instant.ofEpochSecond(1_714_112_445));
    }

    /** The loopback RabbitMQ (guest/guest); skipped when it is not there, but under CI=true a failure. */
    private static void requireBroker() {
        boolean answers;
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", 5672), 1_000);
            answers = true;
        } catch (IOException closed) {
            answers = false;
        }
        String missing = "RabbitMQ does not answer on 127.0.0.1:5672 (start it with rabbitmq-server -detached;"
                + " .ci/run does it)";
        RequiredTool.require(answers, missing);
    }
}
