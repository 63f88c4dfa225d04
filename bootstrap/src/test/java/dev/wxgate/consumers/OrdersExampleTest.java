package dev.wxgate.consumers;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real consumer: the orders example, a plain Spring Boot resource server with no wxgate code, checks wxgate sessions
 * by introspection. It sees the user the mini-program logged in as, and refuses the token at once after logout.
 */
@SpringBootTest(
        classes = dev.wxgate.bootstrap.WxgateApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "server.address=127.0.0.1",
            "wxgate.login.per-client-ip=100000",
            "wxgate.clients[0].id=orders",
            // SHA-256 of ORDERS_KEY
            "wxgate.clients[0].key-sha256=" + OrdersExampleTest.ORDERS_KEY_SHA256,
            "wxgate.clients[0].apps=" + Wxgate.MINI_PROGRAM
        })
@ActiveProfiles("test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OrdersExampleTest {
    /** With '+', '/' and '=', which Spring Security's introspector form-encodes before Basic. */
    static final String ORDERS_KEY = "orders+example/key=0123456789abcdef";

    static final String ORDERS_KEY_SHA256 = "3ff98e6b5504c45480f30438cfdfd78e62eecba1768833a10c77a53b756d8f42";

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    private OrdersExample example;

    @BeforeAll
    void startExample() throws Exception {
        example = OrdersExample.start(
                "introspection",
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

    private HttpResponse<String> orders(String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(example.baseUrl.resolve("/orders"));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theExampleSeesTheLoggedInUserAndRefusesTheTokenAtOnceAfterLogout() throws Exception {
        Wxgate wxgate = new Wxgate(port);
        Wxgate.LoggedIn user = wxgate.logIn("oOrdersCustomer");

        HttpResponse<String> mine = orders(user.token());

        assertThat(mine.statusCode()).as(mine.body() + "\n" + example.log()).isEqualTo(200);
        JsonNode body = JSON.readTree(mine.body());
        assertThat(body.path("userId").asString()).isEqualTo(Long.toString(user.userId()));
        assertThat(body.path("openid").asString()).isEqualTo("oOrdersCustomer");
        assertThat(body.path("appId").asString()).isEqualTo(Wxgate.MINI_PROGRAM);

        wxgate.logOut(user.token());

        assertThat(orders(user.token()).statusCode())
                .as("no cache, no grace: refused at once")
                .isEqualTo(401);
    }

    @Test
    void theExampleRefusesRequestsWithoutALiveSession() throws Exception {
        assertThat(orders(null).statusCode()).isEqualTo(401);
        assertThat(orders("A".repeat(43)).statusCode()).isEqualTo(401);
        assertThat(orders("not a token").statusCode()).isEqualTo(401);
    }
}
