package dev.wxgate.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.jdbc.DatabaseDriver;

/**
 * Spring Boot resolves {@code {vendor}} in {@code spring.flyway.locations} from the JDBC URL of the connection. Each
 * driver wxgate supports must find a folder, and every folder must hold the same migrations.
 */
class FlywayVendorFoldersTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "jdbc:h2:file:./data/wxgate, h2",
        "jdbc:h2:mem:test, h2",
        "jdbc:postgresql://localhost:5432/wxgate, postgresql",
        "jdbc:mariadb://localhost:3306/wxgate, mariadb",
        "jdbc:mysql://localhost:3306/wxgate, mysql"
    })
    void everySupportedDriverFindsItsMigrations(String jdbcUrl, String folder) throws Exception {
        assertThat(DatabaseDriver.fromJdbcUrl(jdbcUrl).getId()).isEqualTo(folder);
        assertThat(migrationsIn(folder)).contains("V1__users.sql").isEqualTo(migrationsIn("h2"));
    }

    private static Set<String> migrationsIn(String folder) throws IOException, URISyntaxException {
        Path path = Path.of(FlywayVendorFoldersTest.class
                .getResource("/db/migration/" + folder)
                .toURI());
        try (Stream<Path> files = Files.list(path)) {
            return files.map(file -> file.getFileName().toString()).collect(TreeSet::new, Set::add, Set::addAll);
        }
    }
}
