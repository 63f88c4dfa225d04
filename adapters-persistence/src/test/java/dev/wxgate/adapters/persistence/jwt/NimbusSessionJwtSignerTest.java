package dev.wxgate.adapters.persistence.jwt;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jwt.SignedJWT;
import dev.wxgate.domain.app.AppId;
import dev.wxgate.domain.jwt.SessionJwtClaims;
import dev.wxgate.domain.jwt.SigningKey;
import dev.wxgate.domain.session.SessionId;
import dev.wxgate.domain.user.OpenId;
import dev.wxgate.domain.user.UnionId;
import dev.wxgate.domain.user.UserId;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class NimbusSessionJwtSignerTest {
    private static final Instant NOW = Instant.parse("2026-12-01T08:00:00Z");
    private final NimbusSessionJwtSigner signer = new NimbusSessionJwtSigner();

    private static SessionJwtClaims claims(List<String> audiences, Optional<UnionId> unionId) {
        return new SessionJwtClaims(
                "https://login.example.com",
                audiences,
                new UserId(42),
                new SessionId("AAAAAAAAAAAAAAAAAAAAAA"),
                AppId.of("wx0000000000000001"),
                new OpenId("oUser"),
                unionId,
                NOW,
                NOW.plusSeconds(300),
                "jti-1");
    }

    @Test
    void aNewKeyIsAP256SigningKeyNamedByItsThumbprintWithAPublicHalfWithoutD() throws Exception {
        SigningKey key = signer.newKey(3, NOW);

        ECKey full = ECKey.parse(key.privateJwk());
        assertThat(full.getCurve()).isEqualTo(Curve.P_256);
        assertThat(full.isPrivate()).isTrue();
        assertThat(key.id().value()).isEqualTo(full.computeThumbprint().toString());
        assertThat(key.generation()).isEqualTo(3);
        assertThat(key.createdAt()).isEqualTo(NOW);
        JWK published = JWK.parse(key.publicJwk());
        assertThat(published.isPrivate()).isFalse();
        assertThat(published.toJSONObject()).doesNotContainKey("d");
        assertThat(signer.newKey(4, NOW).id()).isNotEqualTo(key.id());
    }

    @Test
    void aSignedJwtVerifiesWithThePublicHalfAndCarriesEveryClaim() throws Exception {
        SigningKey key = signer.newKey(1, NOW);

        SignedJWT jwt = SignedJWT.parse(
                signer.sign(key, claims(List.of("orders", "content"), Optional.of(new UnionId("uUnion")))));

        assertThat(jwt.verify(new ECDSAVerifier(ECKey.parse(key.publicJwk())))).isTrue();
        assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
        assertThat(jwt.getHeader().getKeyID()).isEqualTo(key.id().value());
        assertThat(jwt.getHeader().getType()).isEqualTo(JOSEObjectType.JWT);
        var body = jwt.getJWTClaimsSet();
        assertThat(body.getIssuer()).isEqualTo("https://login.example.com");
        assertThat(body.getAudience()).containsExactly("orders", "content");
        assertThat(body.getSubject()).isEqualTo("42");
        assertThat(body.getStringClaim("sid")).isEqualTo("AAAAAAAAAAAAAAAAAAAAAA");
        assertThat(body.getStringClaim("app_id")).isEqualTo("wx0000000000000001");
        assertThat(body.getStringClaim("openid")).isEqualTo("oUser");
        assertThat(body.getStringClaim("unionid")).isEqualTo("uUnion");
        assertThat(body.getIssueTime()).isEqualTo(Date.from(NOW));
        assertThat(body.getExpirationTime()).isEqualTo(Date.from(NOW.plusSeconds(300)));
        assertThat(body.getJWTID()).isEqualTo("jti-1");
    }

    @Test
    void anUnknownUnionidAndNoAudienceAreLeftOut() throws Exception {
        SigningKey key = signer.newKey(1, NOW);

        var body = SignedJWT.parse(signer.sign(key, claims(List.of(), Optional.empty())))
                .getJWTClaimsSet();

        assertThat(body.getClaims()).doesNotContainKeys("unionid", "aud");
    }

    @Test
    void aJwtSignedByAnotherKeyDoesNotVerify() throws Exception {
        SigningKey key = signer.newKey(1, NOW);
        SigningKey other = signer.newKey(2, NOW);

        SignedJWT jwt = SignedJWT.parse(signer.sign(other, claims(List.of(), Optional.empty())));

        assertThat(jwt.verify(new ECDSAVerifier(ECKey.parse(key.publicJwk())))).isFalse();
    }

    @Test
    void theJwksHoldsEveryKeysPublicHalfWithKidUseAndAlgAndNoPrivateMember() throws Exception {
        SigningKey first = signer.newKey(1, NOW);
        SigningKey second = signer.newKey(2, NOW);
        // Even a public half stored with its private part is published without it.
        SigningKey careless = new SigningKey(first.id(), 1, first.privateJwk(), first.privateJwk(), NOW);

        Map<String, Object> document = signer.jwks(List.of(careless, second));

        JWKSet set = JWKSet.parse(document);
        assertThat(set.getKeys())
                .extracting(JWK::getKeyID)
                .containsExactly(first.id().value(), second.id().value());
        for (JWK jwk : set.getKeys()) {
            assertThat(jwk.isPrivate()).isFalse();
            assertThat(jwk.getKeyUse()).isEqualTo(KeyUse.SIGNATURE);
            assertThat(jwk.getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
        }
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> members = (List<Map<String, Object>>) document.get("keys");
        assertThat(members).hasSize(2).allSatisfy(member -> assertThat(member).doesNotContainKey("d"));
    }
}
