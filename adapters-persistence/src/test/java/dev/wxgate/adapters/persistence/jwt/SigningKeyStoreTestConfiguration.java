package dev.wxgate.adapters.persistence.jwt;

import dev.wxgate.adapters.persistence.session.SessionKeyCipher;
import org.apache.ibatis.session.SqlSessionFactory;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.context.annotation.Bean;

/** The signing key store tests' slice: MyBatis and Flyway through {@code @MybatisTest}, the store built as bootstrap builds it. */
@SpringBootConfiguration
class SigningKeyStoreTestConfiguration {
    static final String SERVER_KEY = "/aBi5wrTFVBPuLe/6o3rCvGQGpDBhzOl3J2rKpdCfnA=";

    @Bean
    MyBatisSigningKeyStore signingKeyStore(SqlSessionFactory sqlSessionFactory) {
        return new MyBatisSigningKeyStore(sqlSessionFactory, SessionKeyCipher.fromBase64(SERVER_KEY));
    }
}
