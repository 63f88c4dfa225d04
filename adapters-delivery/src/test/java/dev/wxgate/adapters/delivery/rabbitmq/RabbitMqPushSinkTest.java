package dev.wxgate.adapters.delivery.rabbitmq;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import dev.wxgate.adapters.delivery.DeliveryBody;
import dev.wxgate.domain.app.AppId;
import dev.wxgate.domain.callback.MessageFormat;
import dev.wxgate.domain.delivery.DeliveryId;
import dev.wxgate.domain.delivery.ForwardSettings;
import dev.wxgate.domain.delivery.Forwarding;
import dev.wxgate.domain.delivery.PushSink.Outcome;
import dev.wxgate.domain.delivery.StoredPush;
import dev.wxgate.testfixtures.TcpProxy;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * The RabbitMQ sink against a real broker. Every test publishes to an exchange of its own and reads from server-named
 * exclusive queues, so parallel and repeated runs never see each other's messages.
 */
class RabbitMqPushSinkTest {
    private static final AppId APP = AppId.of("wx0123456789abcdef");
    private static final AppId OTHER_APP = AppId.of("wxfedcba9876543210");
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final DeliveryBody body = new DeliveryBody(JsonMapper.builder().build());
    private final Forwarding forwarding = new Forwarding(Map.of(
            APP, new ForwardSettings(Optional.empty(), true, Optional.empty()),
            OTHER_APP, new ForwardSettings(Optional.empty(), false, Optional.empty())));
    private final List<CachingConnectionFactory> factories = new ArrayList<>();

    private RabbitMqBroker broker;
    private String exchange;
    private RabbitAdmin admin;
    private RabbitTemplate reader;
    private RabbitMqPushSink sink;

    @BeforeEach
    void connect() {
        broker = RabbitMqBroker.require();
        exchange = "wxgate.test." + UUID.randomUUID();
        CachingConnectionFactory testConnections = track(broker.connections());
        reader = new RabbitTemplate(testConnections);
        admin = new RabbitAdmin(testConnections);
        sink = new RabbitMqPushSink(track(broker.connections()), exchange, forwarding, body);
    }

    @AfterEach
    void cleanUp() {
        if (admin != null) {
            admin.deleteExchange(exchange);
        }
        factories.forEach(CachingConnectionFactory::destroy);
    }

    @Test
    void aBoundQueueReceivesTheBodyRoutingKeyHeadersAndMessageId() {
        String queue = boundQueue("#");
        StoredPush event = push(APP, "event", Optional.of("subscribe"));
        StoredPush text = push(APP, "text", Optional.empty());

        assertThat(sink.deliver(event, 3, TIMEOUT)).isEqualTo(new Outcome.Delivered(Optional.empty()));
        assertThat(sink.deliver(text, 1, TIMEOUT)).isEqualTo(new Outcome.Delivered(Optional.empty()));

        Message first = reader.receive(queue);
        assertThat(first).isNotNull();
        assertThat(first.getBody()).isEqualTo(body.of(event));
        MessageProperties properties = first.getMessageProperties();
        assertThat(properties.getReceivedExchange()).isEqualTo(exchange);
        assertThat(properties.getReceivedRoutingKey()).isEqualTo("wx0123456789abcdef.event.subscribe");
        assertThat(properties.getMessageId()).isEqualTo(event.id().value());
        assertThat(properties.getContentType()).isEqualTo("application/json");
        assertThat(properties.getContentEncoding()).isEqualTo("utf-8");
        assertThat(properties.getReceivedDeliveryMode()).isEqualTo(MessageDeliveryMode.PERSISTENT);
        assertThat(properties.getTimestamp()).isEqualTo(Date.from(event.receivedAt()));
        assertThat(properties.getHeaders())
                .containsEntry("x-wxgate-app-id", "wx0123456789abcdef")
                .containsEntry("x-wxgate-delivery-id", event.id().value())
                .containsEntry("x-wxgate-attempt", 3)
                .containsEntry("x-wxgate-msg-type", "event")
                .containsEntry("x-wxgate-event", "subscribe");

        Message second = reader.receive(queue);
        assertThat(second).isNotNull();
        assertThat(second.getBody()).isEqualTo(body.of(text));
        assertThat(second.getMessageProperties().getReceivedRoutingKey()).isEqualTo("wx0123456789abcdef.text");
        assertThat(second.getMessageProperties().getMessageId())
                .isEqualTo(text.id().value());
        assertThat(second.getMessageProperties().getHeaders())
                .containsEntry("x-wxgate-attempt", 1)
                .containsEntry("x-wxgate-msg-type", "text")
                .doesNotContainKey("x-wxgate-event");
        assertThat(reader.receive(queue)).isNull();
    }

    @Test
    void aPatternBindingReceivesOnlyWhatItNames() {
        String events = boundQueue("wx0123456789abcdef.event.#");
        String texts = boundQueue("*.text");
        String everything = boundQueue("#");

        for (StoredPush push : List.of(
                push(APP, "event", Optional.of("subscribe")),
                push(APP, "text", Optional.empty()),
                push(APP, "event", Optional.of("CLICK")),
                push(OTHER_APP, "event", Optional.of("subscribe")),
                push(OTHER_APP, "image", Optional.empty()))) {
            assertThat(sink.deliver(push, 1, TIMEOUT)).isInstanceOf(Outcome.Delivered.class);
        }

        assertThat(routingKeys(events))
                .containsExactly("wx0123456789abcdef.event.subscribe", "wx0123456789abcdef.event.CLICK");
        assertThat(routingKeys(texts)).containsExactly("wx0123456789abcdef.text");
        assertThat(routingKeys(everything)).hasSize(5);
    }

    @Test
    void anUnroutablePushFailsAndSaysSo() {
        boundQueue("wx0123456789abcdef.event.#");

        Outcome outcome = sink.deliver(push(APP, "text", Optional.empty()), 1, TIMEOUT);

        assertThat(outcome).isInstanceOf(Outcome.Failed.class);
        assertThat(((Outcome.Failed) outcome).reason())
                .startsWith("unroutable: no queue bound to " + exchange + " for wx0123456789abcdef.text");
    }

    @Test
    void anUnreachableBrokerFailsWithAReasonInsteadOfThrowing() throws IOException {
        int nothingListens;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            nothingListens = socket.getLocalPort();
        }
        RabbitMqPushSink away = new RabbitMqPushSink(
                track(RabbitMqBroker.connections("127.0.0.1", nothingListens, "guest", "never-shown-password")),
                exchange,
                forwarding,
                body);

        List<String> logged = new ArrayList<>();
        Outcome outcome = logging(logged, () -> away.deliver(push(APP, "text", Optional.empty()), 1, TIMEOUT));

        assertThat(outcome).isInstanceOf(Outcome.Failed.class);
        assertThat(((Outcome.Failed) outcome).reason())
                .startsWith("broker unreachable")
                .doesNotContain("never-shown-password");
        assertThat(logged).isNotEmpty().noneMatch(line -> line.contains("never-shown-password"));
    }

    @Test
    void refusedCredentialsFailWithoutShowingThePassword() {
        RabbitMqPushSink refused = new RabbitMqPushSink(
                track(RabbitMqBroker.connections(broker.host(), broker.port(), "wxgate-nobody", "never-shown-pw")),
                exchange,
                forwarding,
                body);

        List<String> logged = new ArrayList<>();
        Outcome outcome = logging(logged, () -> refused.deliver(push(APP, "text", Optional.empty()), 1, TIMEOUT));

        assertThat(outcome).isInstanceOf(Outcome.Failed.class);
        assertThat(((Outcome.Failed) outcome).reason())
                .startsWith("broker refused the login")
                .doesNotContain("never-shown-pw");
        assertThat(logged).isNotEmpty().noneMatch(line -> line.contains("never-shown-pw"));
    }

    @Test
    void twoHundredConcurrentPushesAreAllReceived() throws Exception {
        String queue = boundQueue("#");
        List<StoredPush> pushes = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            pushes.add(push(APP, i % 2 == 0 ? "text" : "event", i % 2 == 0 ? Optional.empty() : Optional.of("VIEW")));
        }

        List<Future<Outcome>> outcomes = new ArrayList<>();
        try (ExecutorService workers = Executors.newFixedThreadPool(8)) {
            for (StoredPush push : pushes) {
                outcomes.add(workers.submit(() -> sink.deliver(push, 1, TIMEOUT)));
            }
        }
        for (Future<Outcome> outcome : outcomes) {
            assertThat(outcome.get()).isInstanceOf(Outcome.Delivered.class);
        }

        // Confirmed means enqueued: the count is final, no waiting needed.
        assertThat(admin.getQueueInfo(queue).getMessageCount()).isEqualTo(200);
        Set<String> ids = new HashSet<>();
        for (Message message = reader.receive(queue); message != null; message = reader.receive(queue)) {
            ids.add(message.getMessageProperties().getMessageId());
        }
        assertThat(ids).hasSize(200);
    }

    @Test
    void aDeletedExchangeIsDeclaredAgain() {
        boundQueue("#");
        assertThat(sink.deliver(push(APP, "text", Optional.empty()), 1, TIMEOUT))
                .isInstanceOf(Outcome.Delivered.class);
        admin.deleteExchange(exchange);

        // The broker refuses the publish to the vanished exchange (a 404 closing the channel, which the client may
        // report as the 404 or as the channel's close, whichever it sees first); the sink's next attempt declares it
        // again (unroutable then, not refused: the queue's binding went with the exchange).
        assertThat(sink.deliver(push(APP, "text", Optional.empty()), 2, TIMEOUT))
                .isInstanceOf(Outcome.Failed.class);
        assertThat(reason(sink.deliver(push(APP, "text", Optional.empty()), 3, TIMEOUT)))
                .startsWith("unroutable");
    }

    @Test
    void deliveryResumesWhenTheBrokerIsBack() throws IOException {
        String queue = boundQueue("#");
        try (TcpProxy proxy = new TcpProxy(broker.host(), broker.port())) {
            RabbitMqPushSink proxied = new RabbitMqPushSink(
                    track(RabbitMqBroker.connections("127.0.0.1", proxy.port(), broker.username(), broker.password())),
                    exchange,
                    forwarding,
                    body);
            assertThat(proxied.deliver(push(APP, "text", Optional.empty()), 1, TIMEOUT))
                    .isInstanceOf(Outcome.Delivered.class);

            proxy.cut();
            assertThat(proxied.deliver(push(APP, "text", Optional.empty()), 1, Duration.ofSeconds(2)))
                    .isInstanceOf(Outcome.Failed.class);

            proxy.restore();
            assertThat(proxied.deliver(push(APP, "text", Optional.empty()), 2, TIMEOUT))
                    .isInstanceOf(Outcome.Delivered.class);
        }
        assertThat(admin.getQueueInfo(queue).getMessageCount()).isEqualTo(2);
    }

    @Test
    void takesOnlyPushesOfAppsThatForwardToRabbitMq() {
        assertThat(sink.takes(push(APP, "text", Optional.empty()))).isTrue();
        assertThat(sink.takes(push(OTHER_APP, "text", Optional.empty()))).isFalse();
        assertThat(sink.takes(push(AppId.of("wx1111111111111111"), "text", Optional.empty())))
                .isFalse();
    }

    private String boundQueue(String pattern) {
        admin.declareExchange(new TopicExchange(exchange, true, false));
        return bind(pattern);
    }

    private String bind(String pattern) {
        String queue = admin.declareQueue().getName();
        admin.declareBinding(new Binding(queue, Binding.DestinationType.QUEUE, exchange, pattern, null));
        return queue;
    }

    /** Runs {@code attempt} with every log line (at DEBUG, with its stack trace) collected into {@code lines}. */
    private static Outcome logging(List<String> lines, Supplier<Outcome> attempt) {
        Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
        Level previous = root.getLevel();
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        root.addAppender(appender);
        root.setLevel(Level.DEBUG);
        try {
            return attempt.get();
        } finally {
            root.detachAppender(appender);
            root.setLevel(previous);
            for (ILoggingEvent event : appender.list) {
                StringBuilder line = new StringBuilder(event.getFormattedMessage());
                for (IThrowableProxy cause = event.getThrowableProxy(); cause != null; cause = cause.getCause()) {
                    line.append(" | ").append(cause.getClassName()).append(": ").append(cause.getMessage());
                }
                lines.add(line.toString());
            }
        }
    }

    private static String reason(Outcome outcome) {
        assertThat(outcome).isInstanceOf(Outcome.Failed.class);
        return ((Outcome.Failed) outcome).reason();
    }

    private List<String> routingKeys(String queue) {
        List<String> keys = new ArrayList<>();
        for (Message message = reader.receive(queue); message != null; message = reader.receive(queue)) {
            keys.add(message.getMessageProperties().getReceivedRoutingKey());
        }
        return keys;
    }

    private CachingConnectionFactory track(CachingConnectionFactory factory) {
        factories.add(factory);
        return factory;
    }

    private static StoredPush push(AppId app, String msgType, Optional<String> event) {
        DeliveryId id = DeliveryId.random();
        return new StoredPush(
                id,
                app,
                "msg:" + id,
                msgType,
                event,
                MessageFormat.XML,
                "<xml><MsgType><![CDATA[" + msgType + "]]></MsgType></xml>",
                "{\"MsgType\":\"" + msgType + "\"}",
                Instant.ofEpochSecond(1_714_112_445));
    }
}
