package dev.wxgate.adapters.web.api;

import dev.wxgate.adapters.web.BodySizeLimitFilter;
import dev.wxgate.adapters.web.ErrorBody;
import dev.wxgate.adapters.web.security.StatelessChain;
import dev.wxgate.application.session.AuthenticateSession;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;

/**
 * Adapter: the mini-program API under {@code /api/v1}: its controllers, its error mapping, and its security:
 * stateless, authenticated by wxgate's bearer session token (no cookies, so no CSRF), login open to all. Bodies are
 * limited before anything parses them.
 */
@Configuration(proxyBeanMethods = false)
@Import({
    LoginController.class,
    MeController.class,
    SessionController.class,
    SessionJwtController.class,
    WebLoginExchangeController.class,
    ApiErrors.class
})
public class MiniProgramApiConfiguration {
    /** The largest API request body: encryptedData is the biggest thing a mini-program sends. */
    static final long MAX_BODY_BYTES = 64 * 1024;

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE + 10)
    SecurityFilterChain miniProgramApi(HttpSecurity http, AuthenticateSession authenticate) throws Exception {
        return StatelessChain.forPaths(http, "/api/**")
                .authorizeHttpRequests(
                        requests -> requests.requestMatchers(HttpMethod.POST, "/api/v1/login", "/api/v1/oauth/exchange")
                                .permitAll()
                                .anyRequest()
                                .authenticated())
                .addFilterBefore(new BodySizeLimitFilter(MAX_BODY_BYTES), AnonymousAuthenticationFilter.class)
                .addFilterBefore(new BearerSessionFilter(authenticate), AnonymousAuthenticationFilter.class)
                .exceptionHandling(
                        errors -> errors.authenticationEntryPoint((request, response, denied) -> new ErrorBody(
                                        "invalid_session",
                                        "a valid session token is required (Authorization: Bearer <token>)")
                                .writeTo(response, 401)))
                .build();
    }
}
