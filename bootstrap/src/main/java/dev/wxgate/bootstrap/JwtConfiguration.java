package dev.wxgate.bootstrap;

import dev.wxgate.adapters.persistence.jwt.MyBatisSigningKeyStore;
import dev.wxgate.adapters.persistence.jwt.NimbusSessionJwtSigner;
import dev.wxgate.adapters.persistence.session.SessionKeyCipher;
import dev.wxgate.adapters.web.jose.JoseConfiguration;
import dev.wxgate.application.jwt.IssueSessionJwt;
import dev.wxgate.application.jwt.JwtSettings;
import dev.wxgate.application.jwt.PublishJwks;
import dev.wxgate.application.jwt.RotateSigningKeys;
import dev.wxgate.domain.jwt.SessionJwtSigner;
import dev.wxgate.domain.jwt.SigningKeyStore;
import java.time.Clock;
import org.apache.ibatis.session.SqlSessionFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * Session JWTs: the signing keys in the database (sealed with the sessions' server key), the Nimbus signer, the use
 * cases created here with {@code new}, the rotation schedule, and the {@code /.well-known} documents.
 */
@Configuration(proxyBeanMethods = false)
@Import(JoseConfiguration.class)
class JwtConfiguration {

    @Bean
    JwtSettings jwtSettings(WxgateProperties properties) {
        WxgateProperties.Jwt jwt = properties.jwt();
        return new JwtSettings(jwt.issuer(), jwt.audiences(), jwt.lifetime(), jwt.rotation());
    }

    @Bean
    JoseConfiguration.JwksMaxAge jwksMaxAge(WxgateProperties properties) {
        return new JoseConfiguration.JwksMaxAge(properties.jwt().jwksMaxAge());
    }

    @Bean
    SigningKeyStore signingKeyStore(SqlSessionFactory sqlSessionFactory, SessionKeyCipher cipher) {
        return new MyBatisSigningKeyStore(sqlSessionFactory, cipher);
    }

    @Bean
    SessionJwtSigner sessionJwtSigner() {
        return new NimbusSessionJwtSigner();
    }

    @Bean
    RotateSigningKeys rotateSigningKeys(
            SigningKeyStore store, SessionJwtSigner signer, JwtSettings settings, Clock clock) {
        return new RotateSigningKeys(store, signer, settings, clock);
    }

    @Bean
    IssueSessionJwt issueSessionJwt(
            SigningKeyStore store,
            SessionJwtSigner signer,
            RotateSigningKeys rotate,
            JwtSettings settings,
            Clock clock) {
        return new IssueSessionJwt(store, signer, rotate, settings, clock);
    }

    @Bean
    PublishJwks publishJwks(SigningKeyStore store, SessionJwtSigner signer, JwtSettings settings, Clock clock) {
        return new PublishJwks(store, signer, settings, clock);
    }

    @Bean
    SigningKeyRotationScheduler signingKeyRotationScheduler(RotateSigningKeys rotate, WxgateProperties properties) {
        return new SigningKeyRotationScheduler(rotate, properties.jwt().checkInterval());
    }
}
