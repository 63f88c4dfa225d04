package dev.wxgate.consumers;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.wxgate.domain.jwt.SigningKey;
import dev.wxgate.domain.jwt.SigningKeyStore;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.node.ObjectNode;

/**
 * A real consumer of session JWTs: the orders example with its {@code jwt} profile, a plain Spring Boot resource
 * server pointed at wxgate's JWKS, with its defaults for issuer ({@code wxgate}) and audience ({@code orders}). It sees
 * the user a JWT speaks for without asking wxgate, refuses a JWT whose claims were changed or that was signed for
 * another audience, and, as documented, keeps accepting a JWT after its session ended until the JWT's {@code exp}.
 */
class OrdersExampleJwtTest extends OrdersExampleSupport {

    @Autowired
    SigningKeyStore keys;

    OrdersExampleJwtTest() {
        super("jwt");
    }

    @Test
    void theExampleSeesTheUserOfASessionJwtAndStillAcceptsItAfterLogoutUntilItsExp() throws Exception {
        Wxgate wxgate = wxgate();
        Wxgate.LoggedIn user = wxgate.logIn("oJwtCustomer");
        String jwt = wxgate.sessionJwt(user.token());

        assertSeesUser(orders(jwt), user);
        assertThat(orders(user.token()).statusCode())
                .as("the jwt profile takes JWTs only, not session tokens")
                .isEqualTo(401);

        wxgate.logOut(user.token());

        assertThat(introspect(user.token()))
                .as("introspection refuses the session at once")
                .isEqualTo("{\"active\":false}");
        assertSeesUser(orders(jwt), user); // the JWT's revocation semantics: valid until exp
    }

    @Test
    void theExampleRefusesATamperedJwtAndOneForAnotherAudienceOrIssuer() throws Exception {
        Wxgate wxgate = wxgate();
        Wxgate.LoggedIn user = wxgate.logIn("oJwtTampered");
        String jwt = wxgate.sessionJwt(user.token());
        assertSeesUser(orders(jwt), user);

        String anotherUser = withSubject(jwt, Long.toString(user.userId() + 1));
        assertThat(anotherUser).isNotEqualTo(jwt);
        HttpResponse<String> tampered = orders(anotherUser);
        assertThat(tampered.statusCode())
                .as("another user's id in a JWT signed for this one: " + tampered.body())
                .isEqualTo(401);
        assertThat(orders(resigned(jwt, claims -> claims.audience("payments"))).statusCode())
                .as("signed by wxgate's own key, but for another service")
                .isEqualTo(401);
        assertThat(orders(resigned(jwt, claims -> claims.issuer("https://elsewhere.example")))
                        .statusCode())
                .as("signed by wxgate's own key, but naming another issuer")
                .isEqualTo(401);
        assertThat(orders(resigned(jwt, claims -> {})).statusCode())
                .as("the same re-signing with the claims unchanged is accepted: only the changed claim is refused")
                .isEqualTo(200);
        assertThat(orders("not.a.jwt").statusCode()).isEqualTo(401);
        assertThat(orders(null).statusCode()).isEqualTo(401);
    }

    /** {@code jwt} with its payload's {@code sub} replaced and the original signature kept. */
    private static String withSubject(String jwt, String subject) {
        String[] parts = jwt.split("\\.");
        ObjectNode payload =
                (ObjectNode) JSON.readTree(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
        payload.put("sub", subject);
        String changed = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(payload.toString().getBytes(StandardCharsets.UTF_8));
        return parts[0] + "." + changed + "." + parts[2];
    }

    /** {@code jwt}'s claims, changed by {@code change}, signed again with the wxgate key that signed it. */
    private String resigned(String jwt, Consumer<JWTClaimsSet.Builder> change) throws Exception {
        SignedJWT original = SignedJWT.parse(jwt);
        String kid = original.getHeader().getKeyID();
        SigningKey key = keys.all().stream()
                .filter(candidate -> candidate.id().value().equals(kid))
                .findFirst()
                .orElseThrow();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder(original.getJWTClaimsSet())
                .jwtID(UUID.randomUUID().toString());
        change.accept(claims);
        SignedJWT forged = new SignedJWT(new JWSHeader.Builder(original.getHeader()).build(), claims.build());
        forged.sign(new ECDSASigner(ECKey.parse(key.privateJwk())));
        return forged.serialize();
    }
}
