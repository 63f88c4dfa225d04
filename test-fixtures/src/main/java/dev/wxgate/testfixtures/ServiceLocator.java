package dev.wxgate.testfixtures;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds a real service for an integration test, in this order: an explicit setting (system property, then
 * environment variable), a Testcontainers container when a Docker engine answers, the service on its default loopback
 * port when it answers. Otherwise the test fails with a message that says how to provide one.
 */
final class ServiceLocator {
    private ServiceLocator() {}

    static Optional<String> explicitSetting(String systemProperty, String environmentVariable) {
        String value = System.getProperty(systemProperty);
        if (value == null || value.isBlank()) {
            value = System.getenv(environmentVariable);
        }
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    /**
     * Whether a Docker engine may be there. Checked before Testcontainers is touched, because Testcontainers logs an
     * ERROR while it probes for an engine that is absent.
     */
    static boolean dockerMayBeAvailable() {
        if ("false".equalsIgnoreCase(System.getProperty("wxgate.test.docker", ""))) {
            return false;
        }
        String dockerHost = System.getenv("DOCKER_HOST");
        boolean socket = (dockerHost != null && !dockerHost.isBlank())
                || Files.exists(Path.of("/var/run/docker.sock"))
                || Files.exists(Path.of(System.getProperty("user.home"), ".docker", "run", "docker.sock"));
        if (!socket) {
            return false;
        }
        try {
            return org.testcontainers.DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError unavailable) {
            return false;
        }
    }

    static boolean answers(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 500);
            return true;
        } catch (IOException closed) {
            return false;
        }
    }

    static IllegalStateException unavailable(
            String service, String systemProperty, String environmentVariable, int port) {
        return new IllegalStateException(
                service + " is needed by this test and none was found. Provide one by setting -D"
                        + systemProperty + "=... or " + environmentVariable + "=..., by running a Docker engine"
                        + " (Testcontainers starts one), or by running " + service + " on 127.0.0.1:" + port + ".");
    }

    /** A name unique to this test run, so concurrent and repeated runs never share data. */
    static String runScopedName(String prefix) {
        return prefix + "_" + ProcessHandle.current().pid() + "_" + Long.toString(System.nanoTime() & 0xffffffffL, 36);
    }
}
