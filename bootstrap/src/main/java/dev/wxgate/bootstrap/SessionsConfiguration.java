package dev.wxgate.bootstrap;

import dev.wxgate.adapters.persistence.AccessibleObjectFactory;
import dev.wxgate.adapters.persistence.user.MyBatisUserRegistry;
import dev.wxgate.application.login.LogInWithCode;
import dev.wxgate.application.login.LoginLimits;
import dev.wxgate.application.session.AuthenticateSession;
import dev.wxgate.application.session.ListMySessions;
import dev.wxgate.application.session.LogOut;
import dev.wxgate.application.session.RefreshSession;
import dev.wxgate.application.session.RevokeMySession;
import dev.wxgate.application.session.SessionTokens;
import dev.wxgate.application.token.WithAccessToken;
import dev.wxgate.application.user.CheckSessionKey;
import dev.wxgate.application.user.GetPhoneNumber;
import dev.wxgate.application.user.ManageProfile;
import dev.wxgate.application.user.OpenEncryptedData;
import dev.wxgate.application.user.ResetSessionKey;
import dev.wxgate.application.user.VerifyRawData;
import dev.wxgate.domain.app.WechatApps;
import dev.wxgate.domain.ratelimit.RateLimiter;
import dev.wxgate.domain.ratelimit.RateLimiter.RateLimit;
import dev.wxgate.domain.session.SessionPolicy;
import dev.wxgate.domain.session.SessionRepository;
import dev.wxgate.domain.user.UserRegistry;
import dev.wxgate.domain.wechat.EncryptedDataCipher;
import dev.wxgate.domain.wechat.PhoneNumbers;
import dev.wxgate.domain.wechat.SessionKeyCheck;
import dev.wxgate.domain.wechat.WechatLogin;
import io.micrometer.core.instrument.MeterRegistry;
import java.security.SecureRandom;
import java.time.Clock;
import org.apache.ibatis.session.SqlSessionFactory;
import org.mybatis.spring.boot.autoconfigure.ConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Mini-program login and sessions: the session policy, the user registry, and the use cases, created here with
 * {@code new}. The session store and rate limiter come from the store's configuration ({@link MemoryStoreConfiguration}
 * or {@link RedisStoreConfiguration}, per {@code wxgate.store}).
 */
@Configuration(proxyBeanMethods = false)
class SessionsConfiguration {

    @Bean
    SessionPolicy sessionPolicy(WxgateProperties properties) {
        WxgateProperties.Sessions sessions = properties.sessions();
        return new SessionPolicy(
                sessions.idleTimeout(), sessions.absoluteLifetime(), sessions.maxPerUser(), sessions.refreshGrace());
    }

    /** MyBatis builds the adapters' package-private row records without an exception per row (see the factory). */
    @Bean
    ConfigurationCustomizer accessibleRows() {
        return configuration -> configuration.setObjectFactory(new AccessibleObjectFactory());
    }

    @Bean
    UserRegistry userRegistry(
            SqlSessionFactory sqlSessionFactory, PlatformTransactionManager transactionManager, Clock clock) {
        return new MyBatisUserRegistry(sqlSessionFactory, transactionManager, clock);
    }

    @Bean
    SessionTokens sessionTokens() {
        return new SessionTokens(new SecureRandom());
    }

    @Bean
    SessionMetrics sessionMetrics(MeterRegistry registry, SessionRepository sessions, Clock clock) {
        return new SessionMetrics(registry, sessions, clock);
    }

    @Bean
    LogInWithCode logInWithCode(
            WxgateProperties properties,
            WechatApps apps,
            WechatLogin wechatLogin,
            UserRegistry users,
            SessionRepository sessions,
            RateLimiter rateLimiter,
            SessionPolicy policy,
            SessionTokens tokens,
            Clock clock,
            SessionMetrics metrics) {
        WxgateProperties.Login login = properties.login();
        LoginLimits limits = new LoginLimits(
                new RateLimit(login.perClientIp(), login.period()), new RateLimit(login.perApp(), login.period()));
        return new LogInWithCode(
                apps,
                metrics.timed(wechatLogin),
                users,
                sessions,
                rateLimiter,
                limits,
                policy,
                tokens,
                clock,
                metrics,
                metrics);
    }

    @Bean
    AuthenticateSession authenticateSession(SessionRepository sessions) {
        return new AuthenticateSession(sessions);
    }

    @Bean
    RefreshSession refreshSession(SessionRepository sessions, SessionTokens tokens) {
        return new RefreshSession(sessions, tokens);
    }

    @Bean
    ListMySessions listMySessions(SessionRepository sessions) {
        return new ListMySessions(sessions);
    }

    @Bean
    LogOut logOut(SessionRepository sessions, SessionMetrics metrics) {
        return new LogOut(sessions, metrics);
    }

    @Bean
    RevokeMySession revokeMySession(SessionRepository sessions, SessionMetrics metrics) {
        return new RevokeMySession(sessions, metrics);
    }

    @Bean
    ManageProfile manageProfile(UserRegistry users, SessionRepository sessions) {
        return new ManageProfile(users, sessions);
    }

    @Bean
    OpenEncryptedData openEncryptedData(EncryptedDataCipher cipher, Clock clock, WxgateProperties properties) {
        return new OpenEncryptedData(cipher, clock, properties.sessions().encryptedDataMaxAge());
    }

    @Bean
    VerifyRawData verifyRawData() {
        return new VerifyRawData();
    }

    @Bean
    GetPhoneNumber getPhoneNumber(WechatApps apps, WithAccessToken withAccessToken, PhoneNumbers phoneNumbers) {
        return new GetPhoneNumber(apps, withAccessToken, phoneNumbers);
    }

    @Bean
    ResetSessionKey resetSessionKey(
            WechatApps apps, WithAccessToken withAccessToken, SessionKeyCheck check, SessionRepository sessions) {
        return new ResetSessionKey(apps, withAccessToken, check, sessions);
    }

    @Bean
    CheckSessionKey checkSessionKey(WechatApps apps, WithAccessToken withAccessToken, SessionKeyCheck check) {
        return new CheckSessionKey(apps, withAccessToken, check);
    }
}
