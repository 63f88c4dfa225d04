package dev.wxgate.delivery;

import dev.wxgate.bootstrap.WxgateApplication;
import dev.wxgate.testfixtures.DatabaseFixture;
import dev.wxgate.testfixtures.RedisFixture;
import java.net.URI;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts wxgate nodes for the delivery tests: the sandbox's official account as a configured app that forwards its
 * pushes to a webhook, an outbox in a PostgreSQL schema of the test's own, and delivery settings small enough that
 * retries come within seconds.
 */
final class DeliveryNodes {
    static final String APP = "wxa1b2c3d4e5f60002";
    static final String TOKEN = "wxgatesandbox";
    static final String AES_KEY = "wxgateSandboxEncodingAesKey0123456789abcdeg";

    private DeliveryNodes() {}

    /** A PostgreSQL schema that outlives the nodes on it (for restarts), reached directly or through a proxy. */
    record Database(String host, int port, String rest, String username, String password) {

        /** A new, empty schema in the run's PostgreSQL database. */
        static Database freshSchema() throws SQLException {
            DatabaseFixture postgres = DatabaseFixture.postgres();
            String schema =
                    "delivery_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
            try (Connection connection = postgres.connect();
                    Statement statement = connection.createStatement()) {
                statement.execute("CREATE SCHEMA " + schema);
            }
            URI url = URI.create(postgres.jdbcUrl().substring("jdbc:".length()));
            String rest = url.getRawPath() + "?" + (url.getRawQuery() == null ? "" : url.getRawQuery() + "&")
                    + "currentSchema=" + schema;
            return new Database(url.getHost(), url.getPort(), rest, postgres.username(), postgres.password());
        }

        Database through(int proxyPort) {
            return new Database("127.0.0.1", proxyPort, rest, username, password);
        }

        List<String> arguments() {
            return List.of(
                    "--spring.datasource.url=jdbc:postgresql://" + host + ":" + port + rest,
                    "--spring.datasource.username=" + username,
                    "--spring.datasource.password=" + (password == null ? "" : password),
                    // A database that is down fails a request within a second, not after Hikari's 30 s.
                    "--spring.datasource.hikari.connection-timeout=1000");
        }
    }

    /** A node's arguments: the database, the app forwarding to {@code webhook}, quick delivery, and {@code more}. */
    static List<String> arguments(Database database, URI webhook, String... more) {
        List<String> arguments = new ArrayList<>(List.of(
                "--server.address=127.0.0.1",
                "--server.shutdown=immediate",
                "--wxgate.sandbox.enabled=true",
                "--wxgate.apps[0].app-id=" + APP,
                "--wxgate.apps[0].secret=5a4d0b0c1e2f3a4b5c6d7e8f90a10002",
                "--wxgate.apps[0].type=official-account",
                "--wxgate.apps[0].callback.token=" + TOKEN,
                "--wxgate.apps[0].callback.encoding-aes-key=" + AES_KEY,
                "--wxgate.apps[0].forward.url=" + webhook,
                "--wxgate.apps[0].forward.secret=" + WebhookReceiver.SECRET,
                "--wxgate.delivery.poll-interval=100ms",
                "--wxgate.delivery.backoff-base=50ms",
                "--wxgate.delivery.backoff-cap=200ms",
                "--wxgate.delivery.attempt-timeout=3s",
                "--wxgate.delivery.lease=30s"));
        arguments.addAll(database.arguments());
        arguments.addAll(List.of(more));
        // A setting given twice would bind as "a,b": the later one, from the caller, wins.
        Map<String, String> byName = new LinkedHashMap<>();
        for (String argument : arguments) {
            int equals = argument.indexOf('=');
            byName.put(argument.substring(0, equals), argument);
        }
        return List.copyOf(byName.values());
    }

    /** The arguments that make a node one of a cluster: Redis for what is shared besides the database. */
    static List<String> redisMode(String keyPrefix) {
        RedisFixture redis = RedisFixture.get();
        return List.of(
                "--wxgate.store=redis",
                "--spring.data.redis.host=" + redis.host(),
                "--spring.data.redis.port=" + redis.port(),
                "--wxgate.redis.key-prefix=" + keyPrefix,
                "--wxgate.sandbox.allow-in-cluster=true");
    }

    /** A node in this JVM, on a random port. */
    static ConfigurableApplicationContext start(List<String> arguments) {
        List<String> all = new ArrayList<>(arguments);
        all.add("--server.port=0");
        return new SpringApplicationBuilder(WxgateApplication.class)
                .profiles("test")
                .run(all.toArray(String[]::new));
    }

    static int port(ConfigurableApplicationContext node) {
        return Integer.parseInt(node.getEnvironment().getRequiredProperty("local.server.port"));
    }

    /** Waits for {@code done}, polling; fails with {@code what} when it is not done by the deadline. */
    static void await(String what, long seconds, BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + seconds + " s: " + what);
            }
            Thread.sleep(100);
        }
    }
}
