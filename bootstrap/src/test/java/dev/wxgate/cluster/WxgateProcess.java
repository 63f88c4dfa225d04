package dev.wxgate.cluster;

import dev.wxgate.bootstrap.WxgateApplication;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;

/**
 * One wxgate node as its own JVM, as the image runs it: wxgate's classes and its runtime libraries only (what
 * {@code wxgate.jar} holds; the jar itself is made after the tests), configured by environment variables only, in a
 * working directory of its own under {@code target/}. Stopped with SIGTERM, as {@code docker stop} does.
 */
final class WxgateProcess implements AutoCloseable {
    private static final Path TARGET = Path.of("target");

    private final Process process;
    private final Path log;
    final String name;
    final int port;

    private WxgateProcess(String name, Process process, Path log, int port) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.port = port;
    }

    /** Starts a node with {@code environment} (plus its port) without waiting for it; see {@link #awaitReady}. */
    static WxgateProcess start(String name, int port, Map<String, String> environment) throws IOException {
        Path classes = TARGET.resolve("classes").toAbsolutePath();
        Path classpathFile = TARGET.resolve("runtime-classpath.txt");
        if (!Files.isDirectory(classes) || !Files.isRegularFile(classpathFile)) {
            throw new IllegalStateException("bootstrap is not built (" + TARGET.toAbsolutePath()
                    + "): run the test through Maven, e.g. ./mvnw -pl bootstrap -am verify");
        }
        Path directory = Files.createDirectories(
                        TARGET.resolve("deploy-topology").resolve(name + "-" + System.nanoTime()))
                .toAbsolutePath();
        Path log = directory.resolve("wxgate.log");
        ProcessBuilder builder = new ProcessBuilder(List.of(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-XX:TieredStopAtLevel=1",
                        "-Xmx384m",
                        "-cp",
                        classes
                                + File.pathSeparator
                                + Files.readString(classpathFile).trim(),
                        WxgateApplication.class.getName()))
                .directory(directory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        // Only what the test gives: nothing of the test JVM's own wxgate or Spring settings leaks into the node.
        builder.environment()
                .keySet()
                .removeIf(key -> key.startsWith("WXGATE_") || key.startsWith("SPRING_") || key.startsWith("SERVER_"));
        builder.environment().putAll(environment);
        builder.environment().put("SERVER_PORT", Integer.toString(port));
        return new WxgateProcess(name, builder.start(), log, port);
    }

    /** Waits until the node reports itself ready ({@code /actuator/health/readiness} answers 200). */
    void awaitReady() throws InterruptedException {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        URI readiness = URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + ":\n" + log());
            }
            try {
                if (http.send(HttpRequest.newBuilder(readiness).build(), HttpResponse.BodyHandlers.discarding())
                                .statusCode()
                        == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException(name + " was not ready within 180 s:\n" + log());
    }

    /** SIGTERM, as {@code docker stop} sends: wxgate's graceful shutdown. */
    void terminate() {
        process.destroy();
    }

    /** Waits up to {@code seconds} for the process to end; its exit code, or empty while it still runs. */
    OptionalInt awaitExit(long seconds) throws InterruptedException {
        return process.waitFor(seconds, TimeUnit.SECONDS) ? OptionalInt.of(process.exitValue()) : OptionalInt.empty();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    String log() {
        try {
            return Files.readString(log);
        } catch (IOException unreadable) {
            return "(no log at " + log + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(45, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }
}
