package dev.wxgate.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wxgate.domain.operator.OperatorDirectory;
import dev.wxgate.domain.operator.OperatorRole;
import dev.wxgate.domain.operator.PasswordHasher;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
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

    private static ConfigurableApplicationContext start(String database) {
        return new SpringApplicationBuilder(WxgateApplication.class)
                .profiles("test")
                .run("--server.port=0", database);
    }
}
