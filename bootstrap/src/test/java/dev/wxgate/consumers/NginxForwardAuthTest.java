package dev.wxgate.consumers;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.Headers;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * A real gateway: nginx with {@code auth_request} to wxgate's forward auth, in front of a recording upstream. The
 * upstream gets the {@code X-Wxgate-*} identity of a live session (never what the client claims) and never sees a
 * request whose session is missing or ended.
 */
@SpringBootTest(
        classes = dev.wxgate.bootstrap.WxgateApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "wxgate.login.per-client-ip=100000",
            "wxgate.clients[0].id=nginx",
            // SHA-256 of GATEWAY_KEY
            "wxgate.clients[0].key-sha256=" + NginxForwardAuthTest.GATEWAY_KEY_SHA256,
            "wxgate.clients[0].apps=" + Wxgate.MINI_PROGRAM
        })
@ActiveProfiles("test")
class NginxForwardAuthTest {
    static final String GATEWAY_KEY = "nginx-gateway-key-0123456789abcdef";
    static final String GATEWAY_KEY_SHA256 = "4e4060f9212dcffc6f921e98abcf0a49c03eb2d203aeb89f2edf628231660216";

    /** The recipe of the README, with this test's ports and key. */
    static String serverBlock(int wxgatePort, int upstreamPort) {
        return """
                        location / {
                            auth_request /_wxgate_auth;
                            auth_request_set $wxgate_user_id $upstream_http_x_wxgate_user_id;
                            auth_request_set $wxgate_openid $upstream_http_x_wxgate_openid;
                            auth_request_set $wxgate_unionid $upstream_http_x_wxgate_unionid;
                            auth_request_set $wxgate_app_id $upstream_http_x_wxgate_app_id;
                            auth_request_set $wxgate_session_id $upstream_http_x_wxgate_session_id;
                            proxy_set_header X-Wxgate-User-Id $wxgate_user_id;
                            proxy_set_header X-Wxgate-Openid $wxgate_openid;
                            proxy_set_header X-Wxgate-Unionid $wxgate_unionid;
                            proxy_set_header X-Wxgate-App-Id $wxgate_app_id;
                            proxy_set_header X-Wxgate-Session-Id $wxgate_session_id;
                            proxy_pass http://127.0.0.1:%d;
                        }
                        location = /_wxgate_auth {
                            internal;
                            proxy_pass http://127.0.0.1:%d/internal/v1/forward-auth;
                            proxy_pass_request_body off;
                            proxy_set_header Content-Length "";
                            proxy_set_header X-Wxgate-Client-Key "%s";
                            proxy_set_header X-Original-URI $request_uri;
                        }
                """.formatted(upstreamPort, wxgatePort, GATEWAY_KEY);
    }

    @LocalServerPort
    int port;

    private RecordingUpstream upstream;
    private Nginx nginx;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void startGateway() throws Exception {
        Nginx.binary(); // skips (or fails in CI) before anything starts
        upstream = new RecordingUpstream();
        nginx = Nginx.start("forward-auth", serverBlock(port, upstream.port()));
    }

    @AfterEach
    void stopGateway() throws Exception {
        try {
            if (nginx != null) {
                nginx.close();
            }
        } finally {
            if (upstream != null) {
                upstream.close();
            }
        }
    }

    private HttpResponse<String> throughGateway(String method, String path, Map<String, String> headers)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + nginx.port + path))
                .method(method, HttpRequest.BodyPublishers.noBody());
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theUpstreamSeesTheUserOfALiveSessionAndNothingOfADeadOne() throws Exception {
        Wxgate wxgate = new Wxgate(port);
        Wxgate.LoggedIn user = wxgate.logIn("oBehindNginx");

        HttpResponse<String> allowed = throughGateway(
                "GET",
                "/orders?page=1",
                Map.of(
                        "Authorization",
                        "Bearer " + user.token(),
                        "X-Wxgate-User-Id",
                        "1",
                        "X-Wxgate-Openid",
                        "oForged"));

        assertThat(allowed.statusCode()).as(nginx.logs()).isEqualTo(200);
        assertThat(allowed.body()).isEqualTo("upstream ok");
        assertThat(upstream.received()).hasSize(1);
        Headers seen = upstream.received().getFirst();
        assertThat(seen.get("X-Wxgate-User-Id"))
                .as("the user wxgate knows, not the one the client claimed")
                .containsExactly(Long.toString(user.userId()));
        assertThat(seen.get("X-Wxgate-Openid")).containsExactly("oBehindNginx");
        assertThat(seen.get("X-Wxgate-Unionid")).containsExactly(user.unionid());
        assertThat(seen.get("X-Wxgate-App-Id")).containsExactly(Wxgate.MINI_PROGRAM);
        assertThat(seen.getFirst("X-Wxgate-Session-Id")).isNotBlank().isNotEqualTo(user.token());

        assertThat(throughGateway("POST", "/orders", Map.of("Authorization", "Bearer " + user.token()))
                        .statusCode())
                .as("auth_request sends the original method; forward auth takes any")
                .isEqualTo(200);
        assertThat(upstream.received()).hasSize(2);

        assertThat(throughGateway("GET", "/orders", Map.of()).statusCode()).isEqualTo(401);
        assertThat(throughGateway("GET", "/orders", Map.of("Authorization", "Bearer not-a-session"))
                        .statusCode())
                .isEqualTo(401);
        assertThat(upstream.received()).hasSize(2);

        wxgate.logOut(user.token());
        HttpResponse<String> afterLogout =
                throughGateway("GET", "/orders", Map.of("Authorization", "Bearer " + user.token()));
        assertThat(afterLogout.statusCode()).isEqualTo(401);
        assertThat(afterLogout.headers().firstValue("WWW-Authenticate"))
                .as("nginx passes wxgate's challenge on")
                .hasValueSatisfying(challenge -> assertThat(challenge).startsWith("Bearer"));
        assertThat(upstream.received())
                .as("the upstream never sees a dead session")
                .hasSize(2);
    }
}
