package dev.wxgate.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wxgate.domain.operator.OperatorDirectory;
import dev.wxgate.domain.operator.OperatorRole;
import dev.wxgate.domain.operator.PasswordHasher;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The first start of a cluster: with no operator and no {@code WXGATE_ADMIN_PASSWORD}, wxgate creates {@code admin}
 * with a random password, prints it once, keeps only its hash, and says where the console is; a second start of
 * the same database creates nothing and prints no password.
 */
@ExtendWith(OutputCaptureExtension.class)
class FirstAdminTest {
    private static final Pattern PRINTED = Pattern.compile("created the operator 'admin' with the password (\\S+) ");

    @Test
    void theFirstStartPrintsAGeneratedPasswordOnceAndTheNextStartNone(CapturedOutput output) {
        String database = "--spring.datasource.url=jdbc:h2:mem:first-admin-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1";
        String password;
        try (ConfigurableApplicationContext app = start(database)) {
            int port = ((WebServerApplicationContext) app).getWebServer().getPort();
            Matcher printed = PRINTED.matcher(output.getAll());
            assertThat(printed.find()).as("the generated password is printed").isTrue();
            password = printed.group(1);
            assertThat(password).hasSize(20);
            assertThat(output.getAll().split(Pattern.quote(password), -1))
                    .as("printed exactly once")
                    .hasSize(2);
            assertThat(output.getAll())
                    .contains("Admin console at http://localhost:" + port + "/console")
                    .contains("sign in as 'admin' with the password printed above");

            var admin = app.getBean(OperatorDirectory.class).find("admin").orElseThrow();
            assertThat(admin.role()).isEqualTo(OperatorRole.ADMIN);
            assertThat(admin.passwordHash()).doesNotContain(password);
            assertThat(app.getBean(PasswordHasher.class).matches(password, admin.passwordHash()))
                    .isTrue();
        }
        int before = output.getAll().length();
        try (ConfigurableApplicationContext again = start(database)) {
            String secondStart = output.getAll().substring(before);
            assertThat(secondStart).doesNotContain("created the operator").doesNotContain(password);
            assertThat(secondStart).contains("sign in with a console operator");
        }
    }

    @Test
    void aStartThatFailsCreatesNoOperatorAndPrintsNoPassword(CapturedOutput output) throws Exception {
        String url = "jdbc:h2:mem:first-admin-failed-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1";
        assertThatThrownBy(() -> new SpringApplicationBuilder(WxgateApplication.class, FailingRunner.class)
                        .profiles("test")
                        .run("--server.port=0", "--spring.datasource.url=" + url))
                .hasMessageContaining("a start that fails after refresh");

        assertThat(output.getAll()).doesNotContain("created the operator");
        assertThat(operatorCount(url)).isZero();
    }

    /**
     * The README's AOT training run ({@code -Dspring.context.exit=onRefresh}) halts the JVM right after refresh, so it
     * runs in a process of its own: it creates no operator and prints no password.
     */
    @Test
    void anExitOnRefreshRunCreatesNoOperatorAndPrintsNoPassword(@TempDir Path dir) throws Exception {
        String url = "jdbc:h2:file:" + dir.resolve("db").resolve("wxgate");
        Path log = dir.resolve("out.log");
        Process process = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Dspring.context.exit=onRefresh",
                        "-cp",
                        System.getProperty("java.class.path"),
                        WxgateApplication.class.getName(),
                        "--server.port=0",
                        "--spring.datasource.url=" + url,
                        "--wxgate.sessions.server-key-file=" + dir.resolve("session-server.key"))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        try {
            assertThat(process.waitFor(3, TimeUnit.MINUTES)).as("the run exits").isTrue();
        } finally {
            process.destroyForcibly();
        }
        String printed = Files.readString(log);
        assertThat(process.exitValue()).as(printed).isZero();
        assertThat(printed).contains("HikariPool-1 - Start completed").doesNotContain("created the operator");
        assertThat(operatorCount(url))
                .as("the database was migrated, no operator created")
                .isZero();
    }

    private static int operatorCount(String url) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, "sa", "");
                ResultSet rows = connection.createStatement().executeQuery("SELECT COUNT(*) FROM console_operator")) {
            rows.next();
            return rows.getInt(1);
        }
    }

    /** Fails the start after the context refreshed, before it is ready (as a failing runner or listener would). */
    static class FailingRunner {
        @org.springframework.context.annotation.Bean
        org.springframework.boot.ApplicationRunner failAfterRefresh() {
            return arguments -> {
                throw new IllegalStateException("a start that fails after refresh");
            };
        }
    }

    private static ConfigurableApplicationContext start(String database) {
        return new SpringApplicationBuilder(WxgateApplication.class)
                .profiles("test")
                .run("--server.port=0", database);
    }
}
