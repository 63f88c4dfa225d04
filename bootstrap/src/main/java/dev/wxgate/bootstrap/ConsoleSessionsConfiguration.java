package dev.wxgate.bootstrap;

import dev.wxgate.adapters.web.console.ConsoleConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.session.autoconfigure.DefaultCookieSerializerCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.session.config.SessionRepositoryCustomizer;
import org.springframework.session.data.redis.RedisSessionRepository;
import org.springframework.session.web.http.SessionRepositoryFilter;

/**
 * Console sessions in redis mode: Spring Session keeps them in Redis (Boot's auto-configuration, over Redisson's
 * connection factory), so an operator signed in on one node is signed in on all, and a sign-out ends the session
 * everywhere. What ends an operator's other sessions (a new password, another role, removal) is checked against the
 * shared database on every request ({@code OperatorSessionCheck}), on whichever node serves it.
 *
 * <p>Spring Session writes its own cookie, past the servlet container's settings: it gets the console's name, path,
 * HttpOnly and SameSite here; {@code Secure} stays as configured ({@code server.servlet.session.cookie.secure}, else
 * when the request is secure), as the container's cookie does. Keys are {@code <prefix>console:sessions:<id>}, one
 * hash per session (no secondary index: Redis needs no keyspace notifications). In memory mode none of this exists
 * ({@link RedisOnlyWhenChosen}).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "wxgate.store", havingValue = "redis")
class ConsoleSessionsConfiguration {
    static final String NAMESPACE = "console";

    @Bean
    DefaultCookieSerializerCustomizer consoleSessionCookieInRedis() {
        return cookie -> {
            cookie.setCookieName(ConsoleConfiguration.SESSION_COOKIE);
            cookie.setCookiePath(ConsoleConfiguration.SESSION_COOKIE_PATH);
            cookie.setUseHttpOnlyCookie(true);
            cookie.setSameSite("Lax");
        };
    }

    /** Runs after Boot's own customizer (which sets the idle timeout), so the cluster's key prefix wins. */
    @Bean
    SessionRepositoryCustomizer<RedisSessionRepository> consoleSessionKeysInRedis(WxgateProperties properties) {
        return sessions -> sessions.setRedisKeyNamespace(properties.redis().keyPrefix() + NAMESPACE);
    }

    /** Around Spring Session's filter, on the console's paths only. */
    @Bean
    FilterRegistrationBean<ConsoleSessionStoreDown> consoleSessionStoreDown() {
        FilterRegistrationBean<ConsoleSessionStoreDown> registration =
                new FilterRegistrationBean<>(new ConsoleSessionStoreDown());
        registration.addUrlPatterns(
                ConsoleConfiguration.SESSION_COOKIE_PATH, ConsoleConfiguration.SESSION_COOKIE_PATH + "/*");
        registration.setOrder(SessionRepositoryFilter.DEFAULT_ORDER - 1);
        return registration;
    }
}
