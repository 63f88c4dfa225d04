package dev.wxgate.testfixtures;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A {@code redis-server} process of a test's own, on a free loopback port, without persistence, for outage and
 * topology tests: it can be killed and started again on the same port. The binary is
 * {@code -Dwxgate.test.redis-server=/path} (or {@code WXGATE_TEST_REDIS_SERVER}), else {@code redis-server} on the
 * {@code PATH}. Always {@link #close()} it.
 */
public final class RedisServerProcess implements AutoCloseable {
    private static final Duration START_WAIT = Duration.ofSeconds(15);

    private final int port;
    private final Path log;
    private final List<String> command;
    private Process process;

    private RedisServerProcess(int port, Path log, List<String> command) {
        this.port = port;
        this.log = log;
        this.command = command;
    }

    /** Starts a standalone server on a free port and returns once it answers PING. */
    public static RedisServerProcess start() {
        return start(List.of());
    }

    /**
     * Starts a server on a free port with {@code options} added to its command line (for instance {@code
     * --cluster-enabled yes}, {@code --replicaof 127.0.0.1 6380}) and returns once it answers PING.
     */
    public static RedisServerProcess start(List<String> options) {
        int port = freePort();
        Path directory = directory(port);
        List<String> command = new ArrayList<>(List.of(
                RedisBinaries.server(),
                "--port",
                Integer.toString(port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                directory.toAbsolutePath().toString()));
        command.addAll(options);
        return started(new RedisServerProcess(port, directory.resolve("redis.log"), command));
    }

    /**
     * Starts a sentinel on a free port that monitors {@code masterName} at {@code masterPort} on loopback with {@code
     * quorum}; it fails a master over after one second without an answer.
     */
    public static RedisServerProcess startSentinel(String masterName, int masterPort, int quorum) {
        int port = freePort();
        Path directory = directory(port);
        Path config = directory.resolve("sentinel.conf");
        try {
            // A sentinel rewrites its configuration file as it learns the topology: a file of its own.
            Files.writeString(
                    config,
                    String.join(
                            "\n",
                            "port " + port,
                            "bind 127.0.0.1",
                            "dir " + directory.toAbsolutePath(),
                            "sentinel monitor " + masterName + " 127.0.0.1 " + masterPort + " " + quorum,
                            "sentinel down-after-milliseconds " + masterName + " 1000",
                            "sentinel failover-timeout " + masterName + " 5000",
                            "sentinel parallel-syncs " + masterName + " 1",
                            ""));
        } catch (IOException unwritable) {
            throw new UncheckedIOException(unwritable);
        }
        List<String> command =
                List.of(RedisBinaries.server(), config.toAbsolutePath().toString(), "--sentinel");
        return started(new RedisServerProcess(port, directory.resolve("sentinel.log"), command));
    }

    private static RedisServerProcess started(RedisServerProcess server) {
        server.restart();
        return server;
    }

    public int port() {
        return port;
    }

    public String host() {
        return "127.0.0.1";
    }

    /** {@code redis://127.0.0.1:port}, as Redisson and Spring take it. */
    public String url() {
        return "redis://" + host() + ":" + port;
    }

    public synchronized boolean running() {
        return process != null && process.isAlive();
    }

    /** Sends one command with {@code redis-cli} and returns its output. */
    public String cli(String... arguments) {
        return RedisCli.run(port, arguments);
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

    /**
     * Starts the server (again) on the same port and returns once it answers PING. Nothing is persisted, so a
     * standalone server comes back empty; a Cluster node keeps its nodes file and rejoins its cluster.
     */
    public synchronized void restart() {
        if (process != null) {
            throw new IllegalStateException("redis-server on port " + port + " is running already");
        }
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        try {
            process = builder.start();
        } catch (IOException failed) {
            throw new IllegalStateException(
                    "could not start " + command.getFirst() + ": " + failed.getMessage(), failed);
        }
        long deadline = System.nanoTime() + START_WAIT.toNanos();
        while (!answersPing()) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                Process failed = process;
                process = null;
                failed.destroyForcibly();
                throw new IllegalStateException("redis-server on port " + port + " did not answer PING; see " + log);
            }
            Waits.pause();
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

    private static Path directory(int port) {
        try {
            return Files.createDirectories(Path.of("target", "redis-server", Integer.toString(port)));
        } catch (IOException unwritable) {
            throw new UncheckedIOException(unwritable);
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException none) {
            throw new UncheckedIOException(none);
        }
    }
}
