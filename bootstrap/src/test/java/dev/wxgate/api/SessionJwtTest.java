package dev.wxgate.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.wxgate.api.ApiClient.Answer;
import dev.wxgate.application.jwt.RotateSigningKeys;
import dev.wxgate.domain.jwt.SigningKeyStore;
import dev.wxgate.testfixtures.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.test.context.ActiveProfiles;

/**
 * Session JWTs end to end: issued over HTTP for a sandbox login and verified as a consumer verifies them, with Spring
 * Security's {@link NimbusJwtDecoder} pointed at the running wxgate's JWKS (it shares no code with wxgate's signer).
 * The clock is the test's, so rotation and the JWKS window are tested by moving it.
 */
@SpringBootTest(
        classes = dev.wxgate.bootstrap.WxgateApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "wxgate.login.per-client-ip=100000",
            "wxgate.sessions.idle-timeout=3h",
            "wxgate.jwt.issuer=" + SessionJwtTest.ISSUER,
            "wxgate.jwt.audiences=orders,content",
            "wxgate.jwt.lifetime=5m",
            "wxgate.jwt.rotation=1h",
            "wxgate.jwt.check-interval=1h"
        })
@ActiveProfiles("test")
@Import(SessionJwtTest.Clocked.class)
@ExtendWith(OutputCaptureExtension.class)
class SessionJwtTest {
    static final String ISSUER = "https://login.example.test";

    @TestConfiguration(proxyBeanMethods = false)
    static class Clocked {
        @Bean
        @Primary
        MutableClock testClock() {
            return new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    MutableClock clock;

    @Autowired
    RotateSigningKeys rotate;

    @Autowired
    SigningKeyStore keys;

    @Autowired
    JdbcClient jdbc;

    ApiClient api;

    @BeforeEach
    void client() {
        api = new ApiClient(port);
    }

    /** A consumer as Spring Boot builds it from jwk-set-uri, issuer-uri and audiences: fresh, so no cached keys. */
    private JwtDecoder consumer() {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri("http://localhost:" + port + "/.well-known/jwks.json")
                .jwsAlgorithm(SignatureAlgorithm.ES256)
                .build();
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
                JwtValidators.createDefaultWithIssuer(ISSUER),
                new JwtClaimValidator<List<String>>("aud", aud -> aud != null && aud.contains("orders"))));
        return decoder;
    }

    private String jwtFor(String token) {
        Answer answer = api.post("/api/v1/session/jwt", token, Map.of());
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.text("jwt");
    }

    @Test
    void aJwtForALiveSessionVerifiesAgainstTheJwksAndCarriesTheSessionsClaims() throws Exception {
        Answer login = api.logIn("oJwtUser");
        String token = login.text("token");
        String sessionId =
                api.get("/api/v1/sessions", token).json().get(0).path("id").asString();

        Answer issued = api.post("/api/v1/session/jwt", token, Map.of());

        assertThat(issued.status()).isEqualTo(200);
        assertThat(issued.json().path("expiresIn").asLong()).isEqualTo(300);
        assertThat(issued.headers().firstValue("Cache-Control"))
                .hasValueSatisfying(value -> assertThat(value).contains("no-store"));
        Jwt jwt = consumer().decode(issued.text("jwt"));
        assertThat(jwt.getIssuer().toString()).isEqualTo(ISSUER);
        assertThat(jwt.getAudience()).containsExactly("orders", "content");
        assertThat(jwt.getSubject())
                .isEqualTo(Long.toString(login.json().path("user").path("id").asLong()));
        assertThat(jwt.getClaimAsString("sid")).isEqualTo(sessionId);
        assertThat(jwt.getClaimAsString("app_id")).isEqualTo(ApiClient.MINI_PROGRAM);
        assertThat(jwt.getClaimAsString("openid")).isEqualTo("oJwtUser");
        assertThat(jwt.getClaimAsString("unionid"))
                .isEqualTo(login.json().path("user").path("unionid").asString());
        assertThat(jwt.getId()).isNotBlank();
        assertThat(Duration.between(jwt.getIssuedAt(), jwt.getExpiresAt())).isEqualTo(Duration.ofMinutes(5));
        assertThat(jwt.getHeaders()).containsEntry("typ", "JWT").containsEntry("alg", "ES256");
        assertThat(jwt.getHeaders().get("kid")).isEqualTo(signingKid());
    }

    @Test
    void theJwksIsPublicShortLivedInCachesAndHoldsNoPrivateMember() {
        jwtFor(api.logIn("oJwksUser").text("token"));

        Answer jwks = api.get("/.well-known/jwks.json", null);

        assertThat(jwks.status()).isEqualTo(200);
        assertThat(jwks.headers().firstValue("Cache-Control")).contains("max-age=60, public");
        assertThat(jwksKids()).contains(signingKid());
        assertThat(jwks.json().path("keys").size()).isPositive();
        jwks.json().path("keys").forEach(key -> {
            assertThat(key.path("use").asString()).isEqualTo("sig");
            assertThat(key.path("alg").asString()).isEqualTo("ES256");
            assertThat(key.path("crv").asString()).isEqualTo("P-256");
            assertThat(key.has("d")).isFalse();
        });
    }

    @Test
    void theDiscoveryDocumentNamesTheIssuerAndTheJwksUnderIt() {
        Answer discovery = api.get("/.well-known/openid-configuration", null);

        assertThat(discovery.status()).isEqualTo(200);
        assertThat(discovery.text("issuer")).isEqualTo(ISSUER);
        assertThat(discovery.text("jwks_uri")).isEqualTo(ISSUER + "/.well-known/jwks.json");
    }

    @Test
    void aDeadMalformedOrOversizedBearerGetsNoJwt() {
        String token = api.logIn("oLoggedOut").text("token");
        assertThat(api.post("/api/v1/logout", token, Map.of()).status()).isEqualTo(204);

        Answer dead = api.post("/api/v1/session/jwt", token, Map.of());
        Answer malformed = api.post("/api/v1/session/jwt", "not-a-token", Map.of());
        Answer oversized = api.post("/api/v1/session/jwt", "A".repeat(4000), Map.of());
        Answer none = api.post("/api/v1/session/jwt", null, Map.of());

        for (Answer refused : List.of(dead, malformed, oversized, none)) {
            assertThat(refused.status()).isEqualTo(401);
            assertThat(refused.text("error")).isEqualTo("invalid_session");
            assertThat(refused.body()).doesNotContain("jwt\"");
        }
    }

    @Test
    void afterARotationOldJwtsVerifyUntilTheyExpireNewOnesUseTheNewKidAndTheOldKeyLeavesTheJwks() {
        startFromOneKey();
        String token = api.logIn("oRotation").text("token");
        String before = jwtFor(token);
        String oldKid = signingKid();

        clock.advance(Duration.ofHours(1));
        RotateSigningKeys.Rotation rotation = rotate.rotate(RotateSigningKeys.Command.WHEN_DUE);
        String after = jwtFor(token);

        assertThat(rotation.created()).isTrue();
        assertThat(rotation.signing().value()).isNotEqualTo(oldKid);
        assertThat(consumer().decode(after).getHeaders().get("kid"))
                .isEqualTo(rotation.signing().value());
        assertThat(consumer().decode(before).getHeaders().get("kid"))
                .as("a token of the retired key still verifies")
                .isEqualTo(oldKid);
        assertThat(jwksKids())
                .containsExactlyInAnyOrder(oldKid, rotation.signing().value());

        clock.advance(Duration.ofMinutes(6).minusSeconds(1));
        assertThat(jwksKids()).as("within lifetime + 1 min").contains(oldKid);

        clock.advance(Duration.ofSeconds(1));
        assertThat(jwksKids()).containsExactly(rotation.signing().value());
        assertThatThrownBy(() -> consumer().decode(before))
                .as("the retired key is gone")
                .isInstanceOf(JwtException.class);
        assertThat(rotate.rotate(RotateSigningKeys.Command.WHEN_DUE).dropped()).isEqualTo(1);
        assertThat(keys.all()).hasSize(1);
    }

    @Test
    void aJwtWithAnUnknownKidOrAForeignSignatureIsRefusedByTheConsumer() throws Exception {
        String genuine = jwtFor(api.logIn("oForger").text("token"));
        JWTClaimsSet claims = SignedJWT.parse(genuine).getJWTClaimsSet();
        ECKey foreign = new ECKeyGenerator(Curve.P_256).keyID("unknown-kid").generate();

        String unknownKid = forge(claims, foreign, "unknown-kid");
        String knownKidForeignKey = forge(claims, foreign, signingKid());

        assertThatThrownBy(() -> consumer().decode(unknownKid)).isInstanceOf(JwtException.class);
        assertThatThrownBy(() -> consumer().decode(knownKidForeignKey)).isInstanceOf(JwtException.class);
        assertThat(consumer().decode(genuine).getSubject()).isEqualTo(claims.getSubject());
    }

    @Test
    void thePrivateKeyIsNeverInTheDatabaseUnsealedInTheJwksOrInTheLog(CapturedOutput output) throws Exception {
        String token = api.logIn("oSecret").text("token");
        jwtFor(token);
        rotate.rotate(new RotateSigningKeys.Command(true));
        jwtFor(token);

        List<String> privateScalars = keys.all().stream()
                .map(key -> {
                    try {
                        return ECKey.parse(key.privateJwk()).getD().toString();
                    } catch (java.text.ParseException unreadable) {
                        throw new IllegalStateException(unreadable);
                    }
                })
                .toList();
        String stored = String.join(
                "\n",
                jdbc.sql("SELECT public_jwk, sealed_private_jwk FROM jwt_signing_key")
                        .query((row, n) -> row.getString(1) + " " + row.getString(2))
                        .list());
        String jwks = api.get("/.well-known/jwks.json", null).body();

        assertThat(privateScalars).hasSizeGreaterThanOrEqualTo(2).allSatisfy(d -> {
            assertThat(stored).doesNotContain(d);
            assertThat(jwks).doesNotContain(d);
            assertThat(output.getAll()).doesNotContain(d);
        });
        assertThat(stored).doesNotContain("\"d\"");
    }

    private static String forge(JWTClaimsSet claims, ECKey key, String kid) throws Exception {
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.ES256)
                        .keyID(kid)
                        .type(JOSEObjectType.JWT)
                        .build(),
                new JWTClaimsSet.Builder(claims)
                        .expirationTime(new Date(System.currentTimeMillis() + 60_000))
                        .build());
        jwt.sign(new ECDSASigner(key));
        return jwt.serialize();
    }

    /** Whatever other tests rotated: one key, created a window ago, not yet due for rotation. */
    private void startFromOneKey() {
        clock.advance(Duration.ofHours(1));
        rotate.rotate(RotateSigningKeys.Command.WHEN_DUE);
        clock.advance(Duration.ofMinutes(6));
        rotate.rotate(RotateSigningKeys.Command.WHEN_DUE);
        assertThat(keys.all()).hasSize(1);
    }

    private String signingKid() {
        return keys.all().getLast().id().value();
    }

    private List<String> jwksKids() {
        var members = api.get("/.well-known/jwks.json", null).json().path("keys");
        List<String> kids = new java.util.ArrayList<>();
        members.forEach(member -> kids.add(member.path("kid").asString()));
        return kids;
    }
}
