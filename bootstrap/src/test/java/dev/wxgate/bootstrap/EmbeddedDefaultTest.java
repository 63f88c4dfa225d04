package dev.wxgate.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wxgate.domain.app.WechatApps;
import dev.wxgate.domain.token.AccessToken;
import dev.wxgate.domain.token.TokenSource;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/** The embedded default end to end over HTTP: no configuration, H2, memory store. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
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
    void theBuiltInSandboxIsWxgatesWechatAndServesItsApps() throws Exception {
        WechatApps apps = context.getBean(WechatApps.class);
        TokenSource tokens = context.getBean(TokenSource.class);

        assertThat(apps.all())
                .extracting(app -> app.appId().value())
                .containsExactly("wxa1b2c3d4e5f60001", "wxa1b2c3d4e5f60002", "wxa1b2c3d4e5f60004");
        assertThat(apps.all())
                .extracting(app -> app.type())
                .containsExactly(
                        dev.wxgate.domain.app.AppType.MINI_PROGRAM,
                        dev.wxgate.domain.app.AppType.OFFICIAL_ACCOUNT,
                        dev.wxgate.domain.app.AppType.WEBSITE);
        assertThat(apps.all().getLast().callback())
                .as("a website app takes no callbacks")
                .isEmpty();
        assertThat(apps.soleMiniProgram()).isPresent();
        AccessToken first = tokens.fetch(apps.all().getFirst(), false);
        AccessToken second = tokens.fetch(apps.all().getFirst(), false);

        assertThat(second.value()).isEqualTo(first.value()); // stable_token: one token for its life
        assertThat(get("/_sandbox/stats").body()).contains("\"/cgi-bin/stable_token\":2");
        assertThat(get("/cgi-bin/token").statusCode())
                .as("WeChat's paths are under /_sandbox/wechat, not at wxgate's root")
                .isEqualTo(404);
    }

    @Test
    void redisIsNotTouchedInTheMemoryStore() {
        assertThat(context.getBeanNamesForType(org.redisson.api.RedissonClient.class))
                .isEmpty();
        assertThat(context.containsBean("redisHealthContributor")).isFalse();
        assertThat(context.getBeanNamesForType(org.springframework.session.web.http.SessionRepositoryFilter.class))
                .as("console sessions are the servlet container's own")
                .isEmpty();
        assertThat(context.getBeanNamesForType(org.springframework.data.redis.connection.RedisConnectionFactory.class))
                .isEmpty();
        assertThat(context.getBean(dev.wxgate.domain.callback.CallbackLog.class))
                .isInstanceOf(dev.wxgate.adapters.persistence.callback.InMemoryCallbackLog.class);
    }

    @Test
    void theApiIsDescribedInOpenApi() throws Exception {
        HttpResponse<String> docs = get("/v3/api-docs");

        assertThat(docs.statusCode()).isEqualTo(200);
        assertThat(docs.body())
                .contains(
                        "\"openapi\"", "\"title\":\"wxgate\"", "/api/v1/login", "/api/v1/me", "/api/v1/session/refresh")
                .doesNotContain("/_sandbox", "/actuator");
    }

    @Test
    void prometheusMetricsAreServedToTheScrapersKeyOnly() throws Exception {
        HttpResponse<String> metrics = http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/prometheus"))
                        // The test profile's scraper key (application-test.yml has its SHA-256).
                        .header("Authorization", "Bearer wxgate-test-metrics-key")
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("jvm_memory_used_bytes");
        assertThat(get("/actuator/prometheus").statusCode()).isEqualTo(401);
    }

    @Test
    void aPathNothingServesAnswers404AsJsonBeforeAuthentication() throws Exception {
        HttpResponse<String> closed = get("/no/such/thing");

        assertThat(closed.statusCode()).isEqualTo(404);
        assertThat(closed.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        assertThat(closed.body()).isEqualTo("{\"error\":\"not_found\",\"message\":\"no such path\"}");
    }
}
