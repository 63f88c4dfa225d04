package dev.wxgate.testfixtures;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.testcontainers.containers.GenericContainer;

/**
 * A Redis for this test run, with a key prefix of its own; keys under the prefix are deleted when the JVM exits. Use
 * {@link #get()}.
 */
public final class RedisFixture {
    private static final String PROPERTY = "wxgate.test.redis.url";
    private static final String VARIABLE = "WXGATE_TEST_REDIS_URL";
    private static volatile RedisFixture instance;

    private final String host;
    private final int port;
    private final String keyPrefix;

    RedisFixture(String host, int port, String keyPrefix) {
        this.host = host;
        this.port = port;
        this.keyPrefix = keyPrefix;
    }

    public static RedisFixture get() {
        RedisFixture fixture = instance;
        if (fixture == null) {
            synchronized (RedisFixture.class) {
                if (instance == null) {
                    instance = create();
                }
                fixture = instance;
            }
        }
        return fixture;
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    /** {@code redis://host:port}, as Redisson and Spring take it. */
    public String url() {
        return "redis://" + host + ":" + port;
    }

    /** A prefix no other test run uses, ending in ':'. */
    public String keyPrefix() {
        return keyPrefix;
    }

    /** A prefix of its own under this run's, so one test never sees another's keys (their cleanup is the run's). */
    public String freshPrefix() {
        return keyPrefix + UUID.randomUUID().toString().substring(0, 8) + ":";
    }

    /** Sends one command and returns Redis's answer in its wire form (for fixtures and checks, not for wxgate). */
    public String command(String... arguments) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 2000);
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            StringBuilder request =
                    new StringBuilder("*").append(arguments.length).append("\r\n");
            for (String argument : arguments) {
                byte[] bytes = argument.getBytes(StandardCharsets.UTF_8);
                request.append('$')
                        .append(bytes.length)
                        .append("\r\n")
                        .append(argument)
                        .append("\r\n");
            }
            out.write(request.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
            return readReply(new BufferedInputStream(socket.getInputStream()));
        } catch (IOException failed) {
            throw new IllegalStateException(
                    "Redis at " + host + ":" + port + " did not answer: " + failed.getMessage(), failed);
        }
    }

    /** How many keys exist under this run's prefix. */
    public long keyCount() {
        String reply = command("EVAL", "return #redis.call('keys', ARGV[1])", "0", keyPrefix + "*");
        return Long.parseLong(reply.substring(1).trim());
    }

    private static String readReply(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) != -1 && c != '\n') {
            line.append((char) c);
        }
        return line.toString().trim();
    }

    private static RedisFixture create() {
        String prefix = ServiceLocator.runScopedName("wxgate-test") + ":";
        RedisFixture fixture = locate(prefix);
        if (!fixture.command("PING").equals("+PONG")) {
            throw new IllegalStateException("Redis at " + fixture.host + ":" + fixture.port + " did not answer PING");
        }
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(() -> {
            try {
                fixture.command(
                        "EVAL",
                        "for _, k in ipairs(redis.call('keys', ARGV[1])) do redis.call('del', k) end return 0",
                        "0",
                        prefix + "*");
            } catch (IllegalStateException gone) {
                // A container stops with the JVM; nothing is left behind.
            }
        }));
        return fixture;
    }

    private static RedisFixture locate(String prefix) {
        var explicit = ServiceLocator.explicitSetting(PROPERTY, VARIABLE);
        if (explicit.isPresent()) {
            URI uri = URI.create(explicit.get());
            return new RedisFixture(uri.getHost(), uri.getPort() > 0 ? uri.getPort() : 6379, prefix);
        }
        if (ServiceLocator.dockerMayBeAvailable()) {
            GenericContainer<?> container = new GenericContainer<>("redis:7-alpine").withExposedPorts(6379);
            container.start();
            return new RedisFixture(container.getHost(), container.getFirstMappedPort(), prefix);
        }
        if (ServiceLocator.answers("127.0.0.1", 6379)) {
            return new RedisFixture("127.0.0.1", 6379, prefix);
        }
        throw ServiceLocator.unavailable("Redis", PROPERTY, VARIABLE, 6379);
    }
}
