package dev.wxgate.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wxgate.testfixtures.RequiredTool;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * The mini-program client ({@code clients/miniprogram}) run by Node's test runner against this wxgate, so its
 * end-to-end tests are part of the build. Skipped, saying so, only where Node is not installed.
 */
@SpringBootTest(
        classes = dev.wxgate.bootstrap.WxgateApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class MiniProgramClientTest {
    private static final Path CLIENT =
            Path.of("..", "clients", "miniprogram").toAbsolutePath().normalize();

    @LocalServerPort
    int port;

    @Test
    void theClientsTestsPassAgainstARunningWxgate() throws Exception {
        RequiredTool.require(nodeExists(), "Node.js is not installed (apt-get install nodejs; .ci/run installs it)");
        Path output = Files.createTempFile(Path.of("target"), "node-test", ".log");
        ProcessBuilder builder = new ProcessBuilder("node", "--test", "test/")
                .directory(CLIENT.toFile())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile());
        builder.environment().put("WXGATE_URL", "http://localhost:" + port);
        Process node = builder.start();
        node.getOutputStream().close();
        boolean finished = node.waitFor(3, TimeUnit.MINUTES);
        String log = Files.readString(output, StandardCharsets.UTF_8);

        assertThat(finished).as("node --test finished").isTrue();
        assertThat(node.exitValue()).as(log).isZero();
        assertThat(log).contains("# fail 0", "# skipped 0").doesNotContain("# pass 0");
    }

    private static boolean nodeExists() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, "node"))) {
                return true;
            }
        }
        return false;
    }
}
