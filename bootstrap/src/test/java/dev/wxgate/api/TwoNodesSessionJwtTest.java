package dev.wxgate.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wxgate.application.jwt.RotateSigningKeys;
import dev.wxgate.bootstrap.WxgateApplication;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * Two wxgate nodes on one database sign session JWTs with the same key, each one's JWKS verifies the other's tokens,
 * and a rotation on one node is the key the other signs with next.
 */
class TwoNodesSessionJwtTest {

    private static ConfigurableApplicationContext node(String database) {
        return new SpringApplicationBuilder(WxgateApplication.class)
                .profiles("test")
                .run(
                        "--server.port=0",
                        "--server.address=127.0.0.1",
                        "--server.shutdown=immediate",
                        "--spring.datasource.url=jdbc:h2:mem:" + database + ";DB_CLOSE_DELAY=-1",
                        "--wxgate.jwt.issuer=https://login.example.test",
                        "--wxgate.login.per-client-ip=100000");
    }

    private static int port(ConfigurableApplicationContext node) {
        return Integer.parseInt(node.getEnvironment().getRequiredProperty("local.server.port"));
    }

    private static JwtDecoder consumerOf(int port) {
        return NimbusJwtDecoder.withJwkSetUri("http://127.0.0.1:" + port + "/.well-known/jwks.json")
                .jwsAlgorithm(SignatureAlgorithm.ES256)
                .build();
    }

    private static String jwt(ApiClient api, String openid) {
        String token = api.logIn(openid).text("token");
        ApiClient.Answer answer = api.post("/api/v1/session/jwt", token, Map.of());
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.text("jwt");
    }

    @Test
    void nodesOnOneDatabaseSignWithOneKeyAndVerifyEachOthersJwts() {
        String database = "wxgate_jwt_nodes_" + UUID.randomUUID().toString().replace("-", "");
        try (ConfigurableApplicationContext a = node(database);
                ConfigurableApplicationContext b = node(database)) {
            ApiClient apiA = new ApiClient(port(a));
            ApiClient apiB = new ApiClient(port(b));

            String fromA = jwt(apiA, "oNodeA");
            String fromB = jwt(apiB, "oNodeB");

            var onA = consumerOf(port(a)).decode(fromB);
            var onB = consumerOf(port(b)).decode(fromA);
            assertThat(onA.getClaimAsString("openid")).isEqualTo("oNodeB");
            assertThat(onB.getClaimAsString("openid")).isEqualTo("oNodeA");
            assertThat(onA.getHeaders().get("kid")).isEqualTo(onB.getHeaders().get("kid"));

            RotateSigningKeys.Rotation rotated =
                    b.getBean(RotateSigningKeys.class).rotate(new RotateSigningKeys.Command(true));
            String afterRotation = jwt(apiA, "oNodeA2");

            var verified = consumerOf(port(b)).decode(afterRotation);
            assertThat(verified.getHeaders().get("kid"))
                    .isEqualTo(rotated.signing().value());
            assertThat(consumerOf(port(a)).decode(fromA).getClaimAsString("openid"))
                    .as("the retired key's tokens still verify")
                    .isEqualTo("oNodeA");
        }
    }
}
