package dev.wxgate.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wxgate.bootstrap.WxgateApplication;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoders;

/**
 * A consumer configured with wxgate's issuer URL alone (Spring's {@code issuer-uri}) finds the keys through the
 * discovery document and verifies a session JWT, issuer included.
 */
class IssuerUriSessionJwtTest {

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Test
    void anIssuerUriAloneIsEnoughToVerifyASessionJwt() throws IOException {
        int port = freePort();
        String issuer = "http://127.0.0.1:" + port;
        try (ConfigurableApplicationContext wxgate = new SpringApplicationBuilder(WxgateApplication.class)
                .profiles("test")
                .run(
                        "--server.port=" + port,
                        "--server.address=127.0.0.1",
                        "--server.shutdown=immediate",
                        "--wxgate.jwt.issuer=" + issuer,
                        "--wxgate.login.per-client-ip=100000")) {
            ApiClient api = new ApiClient(port);
            String token = api.logIn("oIssuerUri").text("token");
            String jwt = api.post("/api/v1/session/jwt", token, Map.of()).text("jwt");

            Jwt verified = JwtDecoders.fromIssuerLocation(issuer).decode(jwt);

            assertThat(verified.getIssuer().toString()).isEqualTo(issuer);
            assertThat(verified.getClaimAsString("openid")).isEqualTo("oIssuerUri");
        }
    }
}
