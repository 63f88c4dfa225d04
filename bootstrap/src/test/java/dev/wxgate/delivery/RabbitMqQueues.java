package dev.wxgate.delivery;

import dev.wxgate.testfixtures.RequiredTool;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

/**
 * The receiving side of the RabbitMQ delivery tests: the broker on 127.0.0.1:5672 (guest/guest), an exchange named for
 * this run only, and server-named queues bound to it, drained as a consumer would. Without a broker the tests are
 * skipped with a message saying how to start one; under {@code CI=true} they fail instead. Closing deletes the
 * exchange (the queues are exclusive and go with the connection).
 */
final class RabbitMqQueues implements AutoCloseable {
    static final String HOST = "127.0.0.1";
    static final int PORT = 5672;

    final String exchange = "wxgate.test." + UUID.randomUUID();
    private final CachingConnectionFactory connections;
    private final RabbitAdmin admin;
    private final RabbitTemplate template;

    private RabbitMqQueues() {
        connections = new CachingConnectionFactory(HOST, PORT);
        connections.setUsername("guest");
        connections.setPassword("guest");
        admin = new RabbitAdmin(connections);
        template = new RabbitTemplate(connections);
        // As the sink declares it: a durable topic exchange; declared first, so the queues can be bound before pushes.
        admin.declareExchange(new TopicExchange(exchange, true, false));
    }

    static RabbitMqQueues open() {
        if (!answers()) {
            String missing = "RabbitMQ does not answer on " + HOST + ":" + PORT
                    + ". Start one (rabbitmq-server -detached; .ci/run does it)";
            RequiredTool.require(false, missing);
        }
        return new RabbitMqQueues();
    }

    /** A new server-named queue bound to the exchange with {@code pattern}; its name. */
    String bind(String pattern) {
        Queue queue = admin.declareQueue();
        admin.declareBinding(
                BindingBuilder.bind(queue).to(new TopicExchange(exchange)).with(pattern));
        return queue.getName();
    }

    /** Every message waiting in {@code queue} now, taken off it. */
    List<Message> drain(String queue) {
        List<Message> messages = new ArrayList<>();
        for (Message message = template.receive(queue); message != null; message = template.receive(queue)) {
            messages.add(message);
        }
        return messages;
    }

    @Override
    public void close() {
        try {
            admin.deleteExchange(exchange);
        } finally {
            connections.destroy();
        }
    }

    private static boolean answers() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(HOST, PORT), 1_000);
            return true;
        } catch (IOException closed) {
            return false;
        }
    }
}
