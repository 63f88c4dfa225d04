package dev.wxgate.benchmarks;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One wxgate started from its fat jar as a child process, in a fresh working directory (so ./data is new), on a free
 * loopback port. Closing it stops the process, gracefully first.
 */
final class WxgateProcess implements AutoCloseable {
    private static final Pattern STARTED = Pattern.compile("Started \\S+ in ([0-9.]+) seconds");

    final int port;
    final Path dir;
    private final Process process;
    private final Path log;
    private final long launchedAt;
    private double healthySeconds = Double.NaN;

    private WxgateProcess(int port, Path dir, Process process, Path log, long launchedAt) {
        this.port = port;
        this.dir = dir;
        this.process = process;
        this.log = log;
        this.launchedAt = launchedAt;
    }

    static WxgateProcess start(Path jar, List<String> args) throws IOException {
        return start(jar, List.of(), args);
    }

    /** The key the benchmarks scrape wxgate's metrics with, and its SHA-256 as wxgate is configured with it. */
    static final String METRICS_KEY = "wxgate-bench-metrics-key";

    static final String METRICS_KEY_SHA256 = "ed5a192367ee0deedebd8192002d82d8668747df1e0a70ca6626bc07da3416a3";

    /** With JVM flags of its own (an AOT cache) before those of {@code -Dbench.wxgate-jvm-args}. */
    static WxgateProcess start(Path jar, List<String> jvmArgs, List<String> args) throws IOException {
        int port = freePort();
        Path dir = Files.createTempDirectory("wxgate-bench-");
        Path log = dir.resolve("wxgate.log");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmArgs);
        // Extra JVM flags for wxgate (a JFR recording, an AOT cache...), space-separated.
        java.util.Arrays.stream(System.getProperty("bench.wxgate-jvm-args", "").split("\\s+"))
                .filter(flag -> !flag.isBlank())
                .forEach(command::add);
        command.add("-jar");
        command.add(jar.toAbsolutePath().toString());
        command.add("--server.address=127.0.0.1");
        command.add("--server.port=" + port);
        // The benchmarks read wxgate's own timers from /actuator/prometheus, which takes a key on the main port.
        command.add("--wxgate.metrics.key-sha256=" + METRICS_KEY_SHA256);
        command.addAll(args);
        Process process = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        WxgateProcess node = new WxgateProcess(port, dir, process, log, System.nanoTime());
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
        return node;
    }

    /** Waits until /actuator/health answers UP; fails with the log's tail when the process dies or takes too long. */
    WxgateProcess awaitHealthy() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        try (HttpClient http = Http.client()) {
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("wxgate exited with " + process.exitValue() + ":\n" + logTail());
                }
                try {
                    String body =
                            Http.send(http, Http.get(port, "/actuator/health").build());
                    if (body.contains("\"UP\"")) {
                        healthySeconds = (System.nanoTime() - launchedAt) / 1e9;
                        return this;
                    }
                } catch (Exception notYet) {
                    // not listening or not UP yet
                }
                Thread.sleep(200);
            }
        }
        throw new IllegalStateException("wxgate not healthy within 180 s:\n" + logTail());
    }

    long pid() {
        return process.pid();
    }

    double healthySeconds() {
        return healthySeconds;
    }

    /** Spring Boot's own "Started ... in N seconds" figure, from the log. */
    double startedSeconds() {
        try {
            Matcher m = STARTED.matcher(Files.readString(log));
            return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
        } catch (IOException e) {
            return Double.NaN;
        }
    }

    /** Resident set size in MiB, from /proc (Linux); NaN elsewhere. */
    double rssMiB() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or already gone
        }
        return Double.NaN;
    }

    String logTail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
