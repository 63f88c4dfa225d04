package dev.wxgate.testfixtures;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A {@code redis-server} process of a test's own, on a free loopback port, without persistence, for outage tests: it
 * can be killed and started again on the same port. The binary is {@code -Dwxgate.test.redis-server=/path} (or
 * {@code WXGATE_TEST_REDIS_SERVER}), else {@code redis-server} on the {@code PATH}. Always {@link #close()} it.
 */
public final class RedisServerProcess implements AutoCloseable {
    private static final Duration START_WAIT = Duration.ofSeconds(15);

    private final String binary;
    private final int port;
    private final Path log;
    private Process process;

    private RedisServerProcess(String binary, int port, Path log) {
        this.binary = binary;
        this.port = port;
        this.log = log;
    }

    /** Starts one on a free port and returns once it answers PING. */
    public static RedisServerProcess start() {
        String binary = ServiceLocator.explicitSetting("wxgate.test.redis-server", "WXGATE_TEST_REDIS_SERVER")
                .or(RedisServerProcess::onPath)
                .orElseThrow(() -> new IllegalStateException("This test starts and kills a redis-server of its own and"
                        + " none was found: install Redis (Debian: apt-get install redis-server) or set"
                        + " -Dwxgate.test.redis-server=/path/to/redis-server (or WXGATE_TEST_REDIS_SERVER)."));
        int port = freePort();
        Path log;
        try {
            Path directory = Files.createDirectories(Path.of("target", "redis-server"));
            log = directory.resolve("redis-" + port + ".log");
        } catch (IOException unwritable) {
            throw new UncheckedIOException(unwritable);
        }
        RedisServerProcess server = new RedisServerProcess(binary, port, log);
        server.restart();
        return server;
    }

    public int port() {
        return port;
    }

    public String host() {
        return "127.0.0.1";
    }

    /** Kills the server as a crash would ({@code SIGKILL}), and returns once it is gone. */
    public synchronized void kill() {
        if (process == null) {
            return;
        }
        process.destroyForcibly();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("redis-server on port " + port + " did not die");
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(interrupted);
        }
        process = null;
    }

    /** Starts the server (again) on the same port, empty, and returns once it answers PING. */
    public synchronized void restart() {
        if (process != null) {
            throw new IllegalStateException("redis-server on port " + port + " is running already");
        }
        ProcessBuilder builder = new ProcessBuilder(List.of(
                        binary,
                        "--port",
                        Integer.toString(port),
                        "--bind",
                        "127.0.0.1",
                        "--save",
                        "",
                        "--appendonly",
                        "no",
                        "--dir",
                        log.getParent().toAbsolutePath().toString()))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        try {
            process = builder.start();
        } catch (IOException failed) {
            throw new IllegalStateException("could not start " + binary + ": " + failed.getMessage(), failed);
        }
        long deadline = System.nanoTime() + START_WAIT.toNanos();
        while (!answersPing()) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                Process failed = process;
                process = null;
                failed.destroyForcibly();
                throw new IllegalStateException("redis-server on port " + port + " did not answer PING; see " + log);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(interrupted);
            }
        }
    }

    @Override
    public void close() {
        kill();
    }

    private boolean answersPing() {
        try {
            return "+PONG".equals(new RedisFixture(host(), port, "").command("PING"));
        } catch (IllegalStateException notYet) {
            return false;
        }
    }

    private static Optional<String> onPath() {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String directory : path.split(File.pathSeparator)) {
            Path candidate = Path.of(directory, "redis-server");
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate.toString());
            }
        }
        return Optional.empty();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException none) {
            throw new UncheckedIOException(none);
        }
    }
}
