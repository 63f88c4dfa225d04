package dev.wxgate.bootstrap;

import dev.wxgate.application.session.AuthenticateForGateway;
import dev.wxgate.application.session.AuthenticateSession;
import dev.wxgate.application.session.IntrospectSession;
import dev.wxgate.domain.ratelimit.RateLimiter;
import dev.wxgate.domain.ratelimit.RateLimiter.RateLimit;
import dev.wxgate.domain.session.SessionRepository;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * How the team's other services check wxgate sessions: token introspection and gateway forward auth (their
 * controllers come with the internal API, see {@link TokenConfiguration}). Both read the session record alone, never
 * the database.
 */
@Configuration(proxyBeanMethods = false)
class SessionChecksConfiguration {

    @Bean
    IntrospectSession introspectSession(
            SessionRepository sessions, RateLimiter rateLimiter, WxgateProperties properties, SessionMetrics metrics) {
        WxgateProperties.Introspection introspection = properties.introspection();
        return new IntrospectSession(
                sessions, rateLimiter, new RateLimit(introspection.perClient(), introspection.period()), metrics);
    }

    @Bean
    AuthenticateForGateway authenticateForGateway(AuthenticateSession authenticate) {
        return new AuthenticateForGateway(authenticate);
    }
}
