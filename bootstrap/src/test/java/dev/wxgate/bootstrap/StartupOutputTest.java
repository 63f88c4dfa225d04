package dev.wxgate.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** What an operator reads at start-up: one line saying where wxgate is, and never a generated password. */
@ExtendWith(OutputCaptureExtension.class)
class StartupOutputTest {

    @Test
    void theBannerSaysWhereWxgateIsAndNoPasswordIsLogged(CapturedOutput output) {
        // Started here, not through the test framework's context cache, so its output is this test's.
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(WxgateApplication.class)
                .profiles("test")
                .run("--server.port=0")) {
            int port = ((WebServerApplicationContext) app).getWebServer().getPort();

            assertThat(output.getAll())
                    .contains("wxgate is up on http://localhost:" + port)
                    .contains("WeChat: built-in sandbox")
                    .containsPattern("WARN .* WeChat is the BUILT-IN SANDBOX, an emulator standing in for WeChat")
                    .contains("NOT FOR PRODUCTION")
                    .contains("clients on this host only (wxgate.sandbox.control-from=loopback)")
                    .doesNotContainIgnoringCase("generated security password");
        }
    }
}
