package dev.wxgate.benchmarks;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Startup time and memory of one node (memory mode), from the fat jar and from the extracted jar, each with and without
 * JDK 25's AOT cache: a training run ({@code -XX:AOTCacheOutput}, exiting once the context refreshed) writes the cache,
 * later starts read it ({@code -XX:AOTCache}). RSS is read idle after start, and after a short fixed load (logins, then
 * {@code /me}) so the figures compare like with like.
 */
final class Startup {
    private static final int TRAINING_TIMEOUT_SECONDS = 180;

    private final Path jar;
    private final List<String> args;
    private final int starts = Integer.getInteger("bench.startup.runs", 3);

    Startup(Path jar, List<String> args) {
        this.jar = jar;
        this.args = args;
    }

    private record Variant(String name, Path jar, List<String> jvmArgs) {}

    List<String> run() throws Exception {
        List<String> notes = new ArrayList<>();
        if (Runtime.version().feature() < 25) {
            notes.add("startup: the AOT cache needs JDK 25 (this is " + Runtime.version() + "); not measured");
            return notes;
        }
        Path dir = Files.createTempDirectory("wxgate-bench-startup-");
        Path extracted = dir.resolve("extracted");
        java(
                dir,
                List.of(
                        "-Djarmode=tools",
                        "-jar",
                        jar.toAbsolutePath().toString(),
                        "extract",
                        "--destination",
                        extracted.toString()));
        Path thin = extracted.resolve(jar.getFileName());
        List<Variant> variants = new ArrayList<>();
        variants.add(new Variant("fat jar", jar, List.of()));
        variants.add(new Variant("fat jar + AOT cache", jar, List.of("-XX:AOTCache=" + train(dir, jar, "fat.aot"))));
        variants.add(new Variant("extracted jar", thin, List.of()));
        variants.add(new Variant(
                "extracted jar + AOT cache", thin, List.of("-XX:AOTCache=" + train(dir, thin, "extracted.aot"))));
        for (Variant variant : variants) {
            double started = 0;
            double up = 0;
            double idle = 0;
            double loaded = 0;
            for (int i = 0; i < starts; i++) {
                try (WxgateProcess node = WxgateProcess.start(variant.jar(), variant.jvmArgs(), args)) {
                    node.awaitHealthy();
                    started += node.startedSeconds();
                    up += node.healthySeconds();
                    idle += node.rssMiB();
                    if (i == 0) {
                        load(node);
                        loaded = node.rssMiB();
                    }
                }
            }
            String line = String.format(
                    Locale.ROOT,
                    "startup, %s: \"Started\" %.1f s, UP %.1f s (mean of %d starts), RSS idle %.0f MiB, after a"
                            + " short load %.0f MiB",
                    variant.name(),
                    started / starts,
                    up / starts,
                    starts,
                    idle / starts,
                    loaded);
            System.out.println("  " + line);
            notes.add(line);
        }
        return notes;
    }

    /** A training run that stops once the context refreshed; the JVM writes the cache as it exits. */
    private Path train(Path dir, Path trainedJar, String name) throws Exception {
        Path cache = dir.resolve(name);
        List<String> command = new ArrayList<>(List.of(
                "-XX:AOTCacheOutput=" + cache,
                "-Dspring.context.exit=onRefresh",
                "-jar",
                trainedJar.toAbsolutePath().toString(),
                "--server.port=0"));
        command.addAll(args);
        java(Files.createTempDirectory(dir, "training-"), command);
        if (!Files.isRegularFile(cache)) {
            throw new IllegalStateException("the training run wrote no AOT cache at " + cache);
        }
        return cache;
    }

    /** 200 logins, then 5 s of GET /api/v1/me at concurrency 32. */
    private static void load(WxgateProcess node) throws Exception {
        List<HttpRequest> me = new ArrayList<>();
        try (HttpClient http = Http.client()) {
            for (int u = 0; u < 200; u++) {
                String code = Http.field(
                        Http.send(
                                http,
                                Http.post(
                                                node.port,
                                                "/_sandbox/apps/" + Bench.APP + "/users/oStart" + u + "/login-code",
                                                null)
                                        .build()),
                        "code");
                String token = Http.field(
                        Http.send(
                                http,
                                Http.post(
                                                node.port,
                                                "/api/v1/login",
                                                "{\"appId\":\"" + Bench.APP + "\",\"code\":\"" + code + "\"}")
                                        .build()),
                        "token");
                me.add(Http.get(node.port, "/api/v1/me")
                        .header("Authorization", "Bearer " + token)
                        .build());
            }
        }
        LoadRun.run("startup-load", "memory", 32, Duration.ZERO, Duration.ofSeconds(5), 5_000_000, (h, w, i) -> {
            long began = System.nanoTime();
            Http.send(h, me.get((int) ((w * 31L + i) % me.size())));
            return System.nanoTime() - began;
        });
    }

    private static void java(Path dir, List<String> arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(arguments);
        Path log = dir.resolve("java-" + System.nanoTime() + ".log");
        Process process = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        if (!process.waitFor(TRAINING_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " did not finish; see " + log);
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException(
                    String.join(" ", command) + " exited with " + process.exitValue() + "; see " + log);
        }
    }
}
