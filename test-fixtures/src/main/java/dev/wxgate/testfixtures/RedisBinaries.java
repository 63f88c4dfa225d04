package dev.wxgate.testfixtures;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where {@code redis-server} and {@code redis-cli} are: {@code -Dwxgate.test.redis-server=/path} (or {@code
 * WXGATE_TEST_REDIS_SERVER}), else the {@code PATH}; {@code redis-cli} beside the server, else on the {@code PATH}.
 * Missing binaries fail the test with what to install: a topology test never skips.
 */
final class RedisBinaries {
    private static final String INSTALL = "install Redis (Debian: apt-get install redis-server, which also brings"
            + " redis-cli and the sentinel mode)";

    private RedisBinaries() {}

    static String server() {
        return ServiceLocator.explicitSetting("wxgate.test.redis-server", "WXGATE_TEST_REDIS_SERVER")
                .or(() -> onPath("redis-server"))
                .orElseThrow(() -> new IllegalStateException("This test starts redis-server processes of its own and"
                        + " none was found: " + INSTALL + " or set -Dwxgate.test.redis-server=/path/to/redis-server"
                        + " (or WXGATE_TEST_REDIS_SERVER)."));
    }

    static String cli() {
        Path beside = Path.of(server()).resolveSibling("redis-cli");
        if (Files.isExecutable(beside)) {
            return beside.toString();
        }
        return onPath("redis-cli")
                .orElseThrow(
                        () -> new IllegalStateException("This test needs redis-cli and none was found: " + INSTALL));
    }

    private static Optional<String> onPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String directory : path.split(File.pathSeparator)) {
            Path candidate = Path.of(directory, name);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate.toString());
            }
        }
        return Optional.empty();
    }
}
