package dev.wxgate.bootstrap;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One {@code redis-server --sentinel} of a test's own, on a free loopback port, monitoring a master as
 * {@code mymaster}: just enough for the sentinels to answer and not know another master name. Its configuration is
 * written under {@code target/} (a sentinel rewrites it). Always {@link #close()} it.
 */
final class SentinelProcess implements AutoCloseable {
    static final String MASTER_NAME = "mymaster";
    private static final Duration START_WAIT = Duration.ofSeconds(15);

    private final int port;
    private final Process process;

    private SentinelProcess(int port, Process process) {
        this.port = port;
        this.process = process;
    }

    /** Starts a sentinel watching the Redis at {@code 127.0.0.1:masterPort}; returns once it answers PING. */
    static SentinelProcess monitoring(int masterPort) {
        int port = freePort();
        Path directory = Path.of("target", "redis-sentinel").toAbsolutePath();
        Path conf = directory.resolve("sentinel-" + port + ".conf");
        Process process;
        try {
            Files.createDirectories(directory);
            Files.writeString(
                    conf,
                    String.join(
                            "\n",
                            "port " + port,
                            "bind 127.0.0.1",
                            "dir " + directory,
                            "sentinel monitor " + MASTER_NAME + " 127.0.0.1 " + masterPort + " 1",
                            "sentinel down-after-milliseconds " + MASTER_NAME + " 5000",
                            ""));
            process = new ProcessBuilder(List.of("redis-server", conf.toString(), "--sentinel"))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(
                            directory.resolve("sentinel-" + port + ".log").toFile()))
                    .start();
        } catch (IOException failed) {
            throw new IllegalStateException(
                    "could not start redis-server --sentinel (is Redis installed?): " + failed.getMessage(), failed);
        }
        SentinelProcess sentinel = new SentinelProcess(port, process);
        long deadline = System.nanoTime() + START_WAIT.toNanos();
        while (!sentinel.answersPing()) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                sentinel.close();
                throw new IllegalStateException("redis sentinel on port " + port + " did not answer PING");
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(interrupted);
            }
        }
        return sentinel;
    }

    int port() {
        return port;
    }

    private boolean answersPing() {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(1000);
            socket.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            byte[] answer = socket.getInputStream().readNBytes(5);
            return "+PONG".equals(new String(answer, StandardCharsets.US_ASCII));
        } catch (IOException notYet) {
            return false;
        }
    }

    @Override
    public void close() {
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException none) {
            throw new UncheckedIOException(none);
        }
    }
}
