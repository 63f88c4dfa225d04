package dev.wxgate.adapters.web.security;

import dev.wxgate.adapters.web.ErrorBody;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Adapter security: who may reach which HTTP surface. Health and metrics are public (health shows details only to an
 * authenticated caller); everything not opened explicitly is closed.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
public class WebSecurityConfiguration {

    @Bean
    SecurityFilterChain actuatorAndDefaults(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(requests -> requests.requestMatchers(
                                "/actuator/health", "/actuator/health/**", "/actuator/info", "/actuator/prometheus")
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
