package dev.wxgate.consumers;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the orders example's tests share: one wxgate (the same Spring context for every variant) configured as the
 * example expects, the example in its own JVM with the variant's profile, and the calls a test makes to both. wxgate
 * lists the example as client {@code orders} and puts {@code orders} in its JWTs' audience; the JWT issuer is wxgate's
 * default ({@code wxgate}), which is also the example's.
 */
@SpringBootTest(
        classes = dev.wxgate.bootstrap.WxgateApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "server.address=127.0.0.1",
            "wxgate.login.per-client-ip=100000",
            "wxgate.clients[0].id=orders",
            // SHA-256 of ORDERS_KEY
            "wxgate.clients[0].key-sha256=" + OrdersExampleSupport.ORDERS_KEY_SHA256,
            "wxgate.clients[0].apps=" + Wxgate.MINI_PROGRAM,
            "wxgate.jwt.audiences=orders"
        })
@ActiveProfiles("test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class OrdersExampleSupport {
    /** With '+', '/' and '=', which Spring Security's introspector form-encodes before Basic. */
    static final String ORDERS_KEY = "orders+example/key=0123456789abcdef";

    static final String ORDERS_KEY_SHA256 = "3ff98e6b5504c45480f30438cfdfd78e62eecba1768833a10c77a53b756d8f42";

    static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newHttpClient();
    private final String profile;

    @LocalServerPort
    int port;

    OrdersExample example;

    OrdersExampleSupport(String profile) {
        this.profile = profile;
    }

    /** The example's environment: where wxgate is, and its client id and key (which the jwt profile ignores). */
    @BeforeAll
    void startExample() throws Exception {
        example = OrdersExample.start(
                profile,
                Map.of(
                        "WXGATE_URL",
                        "http://127.0.0.1:" + port,
                        "WXGATE_CLIENT_ID",
                        "orders",
                        "WXGATE_CLIENT_KEY",
                        ORDERS_KEY));
    }

    @AfterAll
    void stopExample() throws Exception {
        if (example != null) {
            example.close();
        }
    }

    Wxgate wxgate() {
        return new Wxgate(port);
    }

    /** {@code GET /orders} on the example, with {@code token} as the bearer (none when null). */
    HttpResponse<String> orders(String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(example.baseUrl.resolve("/orders"));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Asserts that the example answered 200 with {@code user}'s orders, as it sees the user from the token. */
    void assertSeesUser(HttpResponse<String> answer, Wxgate.LoggedIn user) {
        assertThat(answer.statusCode()).as(answer.body() + "\n" + example.log()).isEqualTo(200);
        JsonNode body = JSON.readTree(answer.body());
        assertThat(body.path("userId").asString()).isEqualTo(Long.toString(user.userId()));
        assertThat(body.path("openid").asString()).isEqualTo(user.openid());
        assertThat(body.path("appId").asString()).isEqualTo(Wxgate.MINI_PROGRAM);
        assertThat(body.path("orders").size()).isEqualTo(1);
    }

    /** wxgate's introspection answer for a session token, asked as the example's client. */
    String introspect(String token) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/internal/v1/sessions/introspect"))
                .header("Authorization", "Bearer " + ORDERS_KEY)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("token=" + token))
                .build();
        HttpResponse<String> answer = http.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return answer.body();
    }
}
