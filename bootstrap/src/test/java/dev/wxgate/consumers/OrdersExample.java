package dev.wxgate.consumers;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The orders example ({@code examples/orders}) in its own JVM, as a team would run it beside wxgate: its own
 * classpath (from the module's {@code target/}), a free port, configuration by environment variables only. Stopped,
 * with everything it started, by {@link #close()}.
 */
final class OrdersExample implements AutoCloseable {
    private static final Path MODULE_TARGET = Path.of("..", "examples", "orders", "target");

    private final Process process;
    private final Path log;
    final URI baseUrl;

    private OrdersExample(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.baseUrl = URI.create("http://127.0.0.1:" + port);
    }

    /** Starts the example with {@code profile} and {@code environment}, and waits until it answers HTTP. */
    static OrdersExample start(String profile, Map<String, String> environment)
            throws IOException, InterruptedException {
        Path classes = MODULE_TARGET.resolve("classes").toAbsolutePath();
        Path classpathFile = MODULE_TARGET.resolve("runtime-classpath.txt");
        if (!Files.isDirectory(classes) || !Files.isRegularFile(classpathFile)) {
            throw new IllegalStateException("examples/orders is not built (" + MODULE_TARGET.toAbsolutePath()
                    + "): run the test through the reactor, e.g. ./mvnw -pl bootstrap -am verify");
        }
        int port = Nginx.freePort();
        Path logFile = Files.createDirectories(Path.of("target", "orders-example"))
                .resolve(profile + "-" + System.nanoTime() + ".log");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xshare:off",
                "-XX:TieredStopAtLevel=1",
                "-cp",
                classes
                        + java.io.File.pathSeparator
                        + Files.readString(classpathFile).trim(),
                "dev.wxgate.examples.orders.OrdersApplication",
                "--spring.profiles.active=" + profile,
                "--server.address=127.0.0.1"));
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(logFile.toFile());
        builder.environment().putAll(environment);
        builder.environment().put("PORT", Integer.toString(port));
        OrdersExample example = new OrdersExample(builder.start(), logFile, port);
        try {
            example.awaitReady();
        } catch (RuntimeException | InterruptedException failed) {
            example.close();
            throw failed;
        }
        return example;
    }

    private void awaitReady() throws InterruptedException {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the orders example exited with " + process.exitValue() + ": " + log());
            }
            try {
                http.send(
                        HttpRequest.newBuilder(baseUrl.resolve("/orders")).build(),
                        HttpResponse.BodyHandlers.discarding());
                return; // any HTTP answer (401 without a token) means it is up
            } catch (IOException notYet) {
                Thread.sleep(200);
            }
        }
        throw new IllegalStateException("the orders example did not answer within 90 s: " + log());
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
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
