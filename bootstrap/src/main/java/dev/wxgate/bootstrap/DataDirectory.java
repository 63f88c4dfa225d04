package dev.wxgate.bootstrap;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;

/**
 * Makes the directories of the embedded default owner-only (0700 on POSIX) before the datasource opens: the H2 file
 * holds the operators' password hashes and the users, the key file seals session_keys. A directory that does not
 * exist is created so; one that exists with wider permissions is tightened, except a directory that is shared by
 * nature (the working or home directory, the temporary directory, a root), which is only warned about.
 */
final class DataDirectory implements BeanFactoryPostProcessor, EnvironmentAware, Ordered {
    private static final Logger log = LoggerFactory.getLogger(DataDirectory.class);
    static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");

    private Environment environment;

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    @Override
    public int getOrder() {
        // After ClusterSafety: a refused start creates nothing.
        return Ordered.LOWEST_PRECEDENCE;
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
        if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return;
        }
        Set<Path> directories = new LinkedHashSet<>();
        h2FileDirectory(environment.getProperty("spring.datasource.url", "")).ifPresent(directories::add);
        if (environment.getProperty("wxgate.sessions.server-key", "").isBlank() && !serverKeysConfigured()) {
            Path keyFile =
                    Path.of(environment.getProperty("wxgate.sessions.server-key-file", "./data/session-server.key"));
            Optional.ofNullable(keyFile.toAbsolutePath().normalize().getParent())
                    .ifPresent(directories::add);
        }
        directories.forEach(DataDirectory::secure);
    }

    private boolean serverKeysConfigured() {
        return environment instanceof ConfigurableEnvironment configurable
                && Binder.get(configurable)
                        .bind("wxgate.sessions.server-keys", Bindable.listOf(String.class))
                        .map(keys -> !keys.isEmpty())
                        .orElse(false);
    }

    /** The directory an embedded H2 file database lives in ({@code jdbc:h2:file:./data/wxgate}: ./data); else none. */
    static Optional<Path> h2FileDirectory(String url) {
        String lower = url.strip().toLowerCase(Locale.ROOT);
        if (!lower.startsWith("jdbc:h2:")) {
            return Optional.empty();
        }
        String rest = url.strip().substring("jdbc:h2:".length());
        int options = rest.indexOf(';');
        rest = options < 0 ? rest : rest.substring(0, options);
        if (rest.regionMatches(true, 0, "file:", 0, 5)) {
            rest = rest.substring(5);
        } else if (rest.matches("(?i)[a-z]{2,}:.*")) {
            return Optional.empty(); // mem:, tcp:, ssl:, zip:, ... : no directory of ours
        }
        if (rest.isBlank()) {
            return Optional.empty();
        }
        if (rest.startsWith("~")) {
            rest = System.getProperty("user.home") + rest.substring(1);
        }
        return Optional.ofNullable(Path.of(rest).toAbsolutePath().normalize().getParent());
    }

    static void secure(Path directory) {
        try {
            if (Files.notExists(directory)) {
                Path parent = directory.getParent();
                if (parent != null) {
                    Files.createDirectories(parent);
                }
                Files.createDirectory(directory, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
                // The umask may have taken bits away, never added any; set them anyway so that the mode is exact.
                Files.setPosixFilePermissions(directory, OWNER_ONLY);
                return;
            }
            Set<PosixFilePermission> current = Files.getPosixFilePermissions(directory);
            if (OWNER_ONLY.containsAll(current)) {
                return;
            }
            if (sharedByNature(directory)) {
                log.warn(
                        "The embedded database or server key lives in {}, which others can read ({}); give it a"
                                + " directory of its own",
                        directory,
                        PosixFilePermissions.toString(current));
                return;
            }
            Files.setPosixFilePermissions(directory, OWNER_ONLY);
            log.info(
                    "Made {} owner-only (was {}): it holds the embedded database or the session server key",
                    directory,
                    PosixFilePermissions.toString(current));
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            log.warn("Could not make {} owner-only: {}", directory, e.getClass().getSimpleName());
        }
    }

    private static boolean sharedByNature(Path directory) {
        Path dir = directory.toAbsolutePath().normalize();
        return dir.getParent() == null
                || dir.equals(Path.of("").toAbsolutePath().normalize())
                || dir.equals(Path.of(System.getProperty("user.home"))
                        .toAbsolutePath()
                        .normalize())
                || dir.equals(Path.of(System.getProperty("java.io.tmpdir"))
                        .toAbsolutePath()
                        .normalize());
    }
}
