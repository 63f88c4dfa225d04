package dev.wxgate.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * With a management port of its own ({@code management.server.port}), the metrics are scraped there without a key,
 * and the main port does not serve them.
 */
@SpringBootTest(
        classes = dev.wxgate.bootstrap.WxgateApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "management.server.port=0")
@ActiveProfiles("test")
class ManagementPortMetricsTest {

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    @Test
    void theManagementPortServesTheMetricsWithoutAKeyAndTheMainPortNotAtAll() {
        assertThat(managementPort).isNotEqualTo(port);

        ApiClient.Answer management = new ApiClient(managementPort).get("/actuator/prometheus", null);
        ApiClient.Answer main = new ApiClient(port).get("/actuator/prometheus", null);

        assertThat(management.status()).isEqualTo(200);
        assertThat(management.body()).contains("wxgate_sessions_active");
        // The actuator moved to the management port: on the main port the path is not served at all.
        assertThat(main.status()).isEqualTo(404);
        assertThat(main.body()).doesNotContain("wxgate_", "jvm_");
        assertThat(new ApiClient(managementPort).get("/actuator/health", null).status())
                .isEqualTo(200);
    }
}
