package dev.wxgate.adapters.web.security;

import dev.wxgate.adapters.web.ErrorBody;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Adapter security: who may reach which HTTP surface. Health is public (it shows details only to an authenticated
 * caller, and load balancers probe it); the metrics take a key ({@link MetricsAccess}); everything not opened
 * explicitly is closed.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
public class WebSecurityConfiguration {

    /**
     * {@code /actuator/prometheus}: the scraper's key on the main port, or the management port. Refused, it answers
     * 401 and JSON like every other machine path, whether or not a key is configured, so a scraper set up wrongly
     * reads why.
     */
    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE + 5)
    SecurityFilterChain metrics(HttpSecurity http, ObjectProvider<MetricsAccess> configured) throws Exception {
        MetricsAccess access = configured.getIfAvailable(MetricsAccess::closed);
        String message = access.keyConfigured()
                ? "the metrics need the scraper's key: Authorization: Bearer <key>"
                : "the metrics are closed on this port: configure wxgate.metrics.key-sha256, or scrape the management"
                        + " port";
        return StatelessChain.forPaths(http, "/actuator/prometheus")
                .authorizeHttpRequests(requests -> requests.anyRequest()
                        .access((authentication, context) ->
                                new AuthorizationDecision(access.allows(context.getRequest()))))
                .exceptionHandling(errors -> errors.authenticationEntryPoint((request, response, denied) -> {
                    response.addHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"wxgate-metrics\"");
                    new ErrorBody("unauthenticated", message).writeTo(response, HttpStatus.UNAUTHORIZED.value());
                }))
                .build();
    }

    @Bean
    SecurityFilterChain actuatorAndDefaults(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(requests -> requests.requestMatchers(
                                "/actuator/health", "/actuator/health/**", "/actuator/info")
                        .permitAll()
                        .requestMatchers("/error", "/v3/api-docs", "/v3/api-docs/**")
                        .permitAll()
                        .anyRequest()
                        .authenticated())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.ignoringRequestMatchers("/actuator/**"))
                .httpBasic(basic -> basic.disable())
                .formLogin(form -> form.disable())
                .exceptionHandling(errors -> errors.authenticationEntryPoint((request, response, denied) ->
                                new ErrorBody("unauthenticated", "authentication is required")
                                        .writeTo(response, HttpStatus.UNAUTHORIZED.value()))
                        .accessDeniedHandler((request, response, denied) -> new ErrorBody("forbidden", "not allowed")
                                .writeTo(response, HttpStatus.FORBIDDEN.value())));
        return http.build();
    }

    /**
     * No users outside the chains that bring their own (the console's operators, the API's sessions and client keys):
     * this also stops Spring Boot from generating a default user and logging its password.
     */
    @Bean
    UserDetailsService noUsers() {
        return new InMemoryUserDetailsManager();
    }
}
