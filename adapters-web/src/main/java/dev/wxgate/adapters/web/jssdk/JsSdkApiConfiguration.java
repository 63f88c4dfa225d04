package dev.wxgate.adapters.web.jssdk;

import dev.wxgate.adapters.web.security.StatelessChain;
import dev.wxgate.application.jssdk.JsSdkDomains;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;

/**
 * Adapter wiring: the public JS-SDK config for pages ({@code GET /api/v1/jssdk-config}), ahead of the mini-program
 * API's chain: open to all (the JS-safe domains, the per-address limit and CORS guard it), stateless, no cookies.
 * Needs the {@link JsSdkDomains} and the page-signing use case.
 */
@Configuration(proxyBeanMethods = false)
@Import({JsSdkConfigController.class, JsSdkErrors.class})
public class JsSdkApiConfiguration {

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE + 9)
    SecurityFilterChain jsSdkConfig(HttpSecurity http, JsSdkDomains domains) throws Exception {
        return StatelessChain.forPaths(http, JsSdkConfigController.PATH)
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .addFilterBefore(new JsSdkCorsFilter(domains), AnonymousAuthenticationFilter.class)
                .build();
    }
}
