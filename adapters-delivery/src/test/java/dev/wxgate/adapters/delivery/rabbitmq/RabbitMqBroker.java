package dev.wxgate.adapters.delivery.rabbitmq;

import dev.wxgate.testfixtures.RequiredTool;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;

/**
 * The RabbitMQ the sink's tests publish to: {@code -Dwxgate.test.rabbitmq.url=amqp://user:pass@host:port} (or
 * {@code WXGATE_TEST_RABBITMQ_URL}), else the one on 127.0.0.1:5672 as guest/guest. When none answers, the tests are
 * skipped with a message saying how to start one; under {@code CI=true} they fail instead.
 */
record RabbitMqBroker(String host, int port, String username, String password) {
    private static final String PROPERTY = "wxgate.test.rabbitmq.url";
    private static final String VARIABLE = "WXGATE_TEST_RABBITMQ_URL";

    static RabbitMqBroker require() {
        RabbitMqBroker broker = configured();
        if (!answers(broker.host, broker.port)) {
            String missing = "RabbitMQ does not answer on " + broker.host + ":" + broker.port + ". Start one"
                    + " (rabbitmq-server -detached; .ci/run does it), or point -D" + PROPERTY + " or " + VARIABLE
                    + " at one (amqp://user:password@host:port)";
            RequiredTool.require(false, missing);
        }
        return broker;
    }

    /** A connection factory of its own (each holds one connection), to be destroyed by the caller. */
    CachingConnectionFactory connections() {
        return connections(host, port, username, password);
    }

    static CachingConnectionFactory connections(String host, int port, String username, String password) {
        CachingConnectionFactory factory = new CachingConnectionFactory(host, port);
        factory.setUsername(username);
        factory.setPassword(password);
        factory.setConnectionTimeout(2_000);
        return factory;
    }

    private static RabbitMqBroker configured() {
        String url = System.getProperty(PROPERTY);
        if (url == null || url.isBlank()) {
            url = System.getenv(VARIABLE);
        }
        if (url == null || url.isBlank()) {
            return new RabbitMqBroker("127.0.0.1", 5672, "guest", "guest");
        }
        URI uri = URI.create(url.trim());
        String[] credentials = uri.getUserInfo() == null
                ? new String[] {"guest", "guest"}
                : uri.getUserInfo().split(":", 2);
        return new RabbitMqBroker(
                uri.getHost(),
                uri.getPort() > 0 ? uri.getPort() : 5672,
                credentials[0],
                credentials.length > 1 ? credentials[1] : "");
    }

    private static boolean answers(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 1_000);
            return true;
        } catch (IOException closed) {
            return false;
        }
    }

    @Override
    public String toString() {
        return "RabbitMqBroker[" + username + "@" + host + ":" + port + "]";
    }
}
