package dev.wxgate.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.mock.env.MockEnvironment;

/** The embedded default's data directory (H2 file with the operators' hashes, the session server key) is 0700. */
class DataDirectoryTest {

    @BeforeEach
    void posixOnly() {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
    }

    @Test
    void aWorldReadableDataDirectoryIsTightenedBeforeTheDatabaseOpens(@TempDir Path dir) throws Exception {
        Path data = Files.createDirectory(dir.resolve("data"));
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxr-xr-x"));

        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(WxgateApplication.class)
                .run(
                        "--server.port=0",
                        "--spring.datasource.url=jdbc:h2:file:" + data.resolve("wxgate") + ";DB_CLOSE_ON_EXIT=FALSE",
                        "--wxgate.sessions.server-key-file=" + data.resolve("session-server.key"))) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data)))
                    .isEqualTo("rwx------");
            assertThat(data.resolve("wxgate.mv.db")).exists();
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve("session-server.key"))))
                    .as("the generated server key is its owner's only")
                    .isEqualTo("rw-------");
        }
    }

    @Test
    void aMissingDataDirectoryIsCreatedOwnerOnly(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("var").resolve("data");
        DataDirectory.secure(data);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data)))
                .isEqualTo("rwx------");
    }

    @Test
    void withServerKeysConfiguredNoKeyFileDirectoryIsMade(@TempDir Path dir) {
        MockEnvironment environment = new MockEnvironment()
                .withProperty("spring.datasource.url", "jdbc:h2:mem:nothing")
                .withProperty("wxgate.sessions.server-keys", "a,b")
                .withProperty(
                        "wxgate.sessions.server-key-file",
                        dir.resolve("keys/session-server.key").toString());
        DataDirectory directory = new DataDirectory();
        directory.setEnvironment(environment);

        directory.postProcessBeanFactory(null);

        assertThat(dir.resolve("keys")).doesNotExist();
        environment.setProperty("wxgate.sessions.server-keys", "");
        directory.postProcessBeanFactory(null);
        assertThat(dir.resolve("keys")).isDirectory();
    }

    @Test
    void theDirectoryOfAnH2FileUrlIsFound() {
        assertThat(DataDirectory.h2FileDirectory("jdbc:h2:file:./data/wxgate;DB_CLOSE_ON_EXIT=FALSE"))
                .contains(Path.of("data").toAbsolutePath());
        assertThat(DataDirectory.h2FileDirectory("jdbc:h2:/srv/wxgate/db")).contains(Path.of("/srv/wxgate"));
        assertThat(DataDirectory.h2FileDirectory("jdbc:h2:mem:wxgate")).isEmpty();
        assertThat(DataDirectory.h2FileDirectory("jdbc:h2:tcp://db/wxgate")).isEmpty();
        assertThat(DataDirectory.h2FileDirectory("jdbc:postgresql://db/wxgate")).isEmpty();
    }
}
