package dev.wxgate.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/** The embedded default end to end over HTTP: no configuration, H2, memory store. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@ExtendWith(OutputCaptureExtension.class)
class EmbeddedDefaultTest {
    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @org.springframework.beans.factory.annotation.Autowired
    org.springframework.context.ApplicationContext context;

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void healthIsUpAndPublicWithoutDetails() throws Exception {
        HttpResponse<String> health = get("/actuator/health");

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\":\"UP\"").doesNotContain("components", "db");
    }

    @Test
    void redisIsNotTouchedInTheMemoryStore() {
        assertThat(context.getBeanNamesForType(org.redisson.api.RedissonClient.class)).isEmpty();
        assertThat(context.containsBean("redisHealthContributor")).isFalse();
    }

    @Test
    void prometheusMetricsAreServed() throws Exception {
        HttpResponse<String> metrics = get("/actuator/prometheus");

        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("jvm_memory_used_bytes");
    }

    @Test
    void anythingNotOpenedAnswers401AsJson() throws Exception {
        HttpResponse<String> closed = get("/no/such/thing");

        assertThat(closed.statusCode()).isEqualTo(401);
        assertThat(closed.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        assertThat(closed.body())
                .isEqualTo("{\"error\":\"unauthenticated\",\"message\":\"authentication is required\"}");
    }

    @Test
    void noGeneratedPasswordIsLoggedAndTheBannerSaysWhereWxgateIs(CapturedOutput output) {
        assertThat(output.getAll()).doesNotContainIgnoringCase("generated security password");
        assertThat(output.getAll()).contains("wxgate is up on http://localhost:" + port);
    }
}
