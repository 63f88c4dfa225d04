package dev.wxgate.jssdk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wxgate.bootstrap.WxgateApplication;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/** The public JS-SDK config is limited per client address, like the login. */
@SpringBootTest(
        classes = WxgateApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"wxgate.jssdk.per-client-ip=3", "wxgate.jssdk.period=1h"})
@ActiveProfiles("test")
class JsSdkConfigRateLimitTest {
    @LocalServerPort
    int port;

    @Test
    void aClientAddressPastItsLimitIsRefusedWithRetryAfter() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        URI uri = URI.create("http://127.0.0.1:" + port
                + "/api/v1/jssdk-config?appId=wxa1b2c3d4e5f60002&url=http%3A%2F%2F127.0.0.1%2F");
        List<HttpResponse<String>> answers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            answers.add(send(client, uri));
        }

        assertThat(answers.subList(0, 3))
                .allSatisfy(answer -> assertThat(answer.statusCode()).isEqualTo(200));
        HttpResponse<String> refused = answers.get(3);
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.body()).contains("\"error\":\"rate_limited\"");
        assertThat(refused.headers().firstValue("Retry-After")).isPresent();
    }

    private static HttpResponse<String> send(HttpClient client, URI uri) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
