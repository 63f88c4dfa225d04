package dev.wxgate.consumers;

import dev.wxgate.testfixtures.RequiredTool;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.stream.Stream;

/**
 * Debian's nginx as a child process of the test: a generated configuration on a free port under {@code target/}, in
 * the foreground ({@code daemon off}), stopped by {@link #close()}. Without nginx the test is skipped, unless
 * {@code CI=true}: there a missing tool fails the suite instead of leaving a hole in it. Public for the deployment
 * test ({@code dev.wxgate.cluster.DeployTopologyTest}), which runs {@code deploy/nginx.conf} in it.
 */
public final class Nginx implements AutoCloseable {
    private static final List<Path> CANDIDATES = List.of(Path.of("/usr/sbin/nginx"), Path.of("/usr/bin/nginx"));

    private final Process process;
    private final Path directory;
    public final int port;

    private Nginx(Process process, Path directory, int port) {
        this.process = process;
        this.directory = directory;
        this.port = port;
    }

    /** The nginx binary, or a skipped (locally) or failed (in CI) test. */
    public static Path binary() {
        Stream<Path> onPath = Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
                .filter(dir -> !dir.isBlank())
                .map(dir -> Path.of(dir, "nginx"));
        Path found = Stream.concat(CANDIDATES.stream(), onPath)
                .filter(Files::isExecutable)
                .findFirst()
                .orElse(null);
        String missing = "nginx is not installed (apt-get install nginx; .ci/run installs it)";
        RequiredTool.require(found != null, missing);
        return found;
    }

    /**
     * Starts nginx with {@code serverBlock} (the body of one {@code server {}}; {@code PORT} stands for its port) in a
     * fresh directory under {@code target/}, and waits until it accepts connections.
     */
    static Nginx start(String name, String serverBlock) throws IOException, InterruptedException {
        return startHttp(name, port -> """
                server {
                    listen 127.0.0.1:%d;
                %s
                }
                """.formatted(port, serverBlock.replace("PORT", Integer.toString(port))));
    }

    /**
     * Starts nginx with what {@code httpContext} makes of its free port (directives of the {@code http {}} context,
     * e.g. {@code upstream} and {@code server} blocks, listening on that port on 127.0.0.1), in a fresh directory under
     * {@code target/}, and waits until it accepts connections.
     */
    public static Nginx startHttp(String name, IntFunction<String> httpContext)
            throws IOException, InterruptedException {
        Path binary = binary();
        Path directory = Files.createDirectories(Path.of("target", "nginx", name + "-" + System.nanoTime()))
                .toAbsolutePath();
        int port = freePort();
        String conf = """
                worker_processes 1;
                events { worker_connections 256; }
                http {
                    access_log %1$s/access.log;
                    client_body_temp_path %1$s/client_body;
                    proxy_temp_path %1$s/proxy;
                    fastcgi_temp_path %1$s/fastcgi;
                    uwsgi_temp_path %1$s/uwsgi;
                    scgi_temp_path %1$s/scgi;
                %2$s
                }
                """.formatted(directory, httpContext.apply(port));
        Path confFile = Files.writeString(directory.resolve("nginx.conf"), conf);
        Process process = new ProcessBuilder(
                        binary.toString(),
                        "-p",
                        directory.toString(),
                        "-e",
                        directory.resolve("error.log").toString(),
                        "-c",
                        confFile.toString(),
                        "-g",
                        "daemon off; pid " + directory.resolve("nginx.pid") + ";")
                .redirectErrorStream(true)
                .redirectOutput(directory.resolve("stdout.log").toFile())
                .start();
        Nginx nginx = new Nginx(process, directory, port);
        try {
            nginx.awaitReady();
        } catch (RuntimeException | InterruptedException failed) {
            nginx.close();
            throw failed;
        }
        return nginx;
    }

    private void awaitReady() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("nginx exited with " + process.exitValue() + ": " + logs());
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        throw new IllegalStateException("nginx did not listen on " + port + " within 30 s: " + logs());
    }

    public String logs() {
        StringBuilder out = new StringBuilder();
        for (String file : List.of("stdout.log", "error.log")) {
            try {
                out.append(file)
                        .append(": ")
                        .append(Files.readString(directory.resolve(file)))
                        .append('\n');
            } catch (IOException absent) {
                out.append(file).append(": (none)\n");
            }
        }
        return out.toString();
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        // SIGTERM: nginx's fast shutdown, which stops its workers too.
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
