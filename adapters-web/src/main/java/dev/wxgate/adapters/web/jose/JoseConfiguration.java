package dev.wxgate.adapters.web.jose;

import dev.wxgate.adapters.web.security.StatelessChain;
import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Adapter: the public documents under {@code /.well-known}: the JWKS that verifies session JWTs and the discovery
 * document pointing to it. Open to all, read-only, stateless; they carry public keys only.
 */
@Configuration(proxyBeanMethods = false)
@Import({JwksController.class, JoseErrors.class})
public class JoseConfiguration {

    /**
     * How long consumers and proxies may keep the JWKS ({@code wxgate.jwt.jwks-max-age}): short, since a rotated-in
     * key signs at once. Bootstrap provides it from configuration.
     */
    public record JwksMaxAge(Duration value) {}

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE + 30)
    SecurityFilterChain wellKnown(HttpSecurity http) throws Exception {
        return StatelessChain.forPaths(http, "/.well-known/**")
                // Public documents; a wrong method or path gets MVC's 405 or 404.
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                // The controller says how long these may be cached; Spring Security's no-store would forbid it.
                .headers(headers -> headers.cacheControl(cache -> cache.disable()))
                .build();
    }
}
