package dev.wxgate.adapters.web.internal;

import dev.wxgate.adapters.web.BodySizeLimitFilter;
import dev.wxgate.adapters.web.ErrorBody;
import dev.wxgate.adapters.web.security.StatelessChain;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;

/**
 * Adapter wiring: the internal API under {@code /internal/}, for the team's other backends. Its own security chain,
 * ahead of the default one: stateless, authenticated by client key only (no cookies, so no CSRF). Needs an
 * {@link InternalClients} bean (from {@code wxgate.clients}) and the token use cases.
 */
@Configuration(proxyBeanMethods = false)
@Import({InternalTokenController.class, InternalApiErrors.class})
public class InternalApiConfiguration {

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE + 20)
    SecurityFilterChain internalApi(HttpSecurity http, InternalClients clients) throws Exception {
        return StatelessChain.forPaths(http, "/internal/**")
                .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                .addFilterBefore(new ClientKeyFilter(clients), AnonymousAuthenticationFilter.class)
                // After the key check (401 first); counts bodies that declare no length, which the key filter cannot.
                .addFilterBefore(
                        new BodySizeLimitFilter(ClientKeyFilter.MAX_BODY_BYTES), AnonymousAuthenticationFilter.class)
                .exceptionHandling(
                        errors -> errors.authenticationEntryPoint((request, response, denied) -> new ErrorBody(
                                        "invalid_client_key",
                                        "a valid client key is required (Authorization: Bearer <key>)")
                                .writeTo(response, 401)))
                .build();
    }
}
