package dev.wxgate.adapters.web.oauth;

import dev.wxgate.adapters.web.security.StatelessChain;
import dev.wxgate.application.oauth.WebLoginSettings;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.filter.CorsFilter;

/**
 * Adapter wiring: the official account's web login in the browser ({@code /oauth/{appId}/authorize} and
 * {@code /callback}, open to all, stateless but for the binder cookie it sets itself, no CSRF token since both are
 * plain GETs whose state is checked), and CORS for the API calls of the pages it logs in
 * ({@link WebLoginCors}), answered before the route guard and any security chain.
 */
@Configuration(proxyBeanMethods = false)
@Import({WebLoginController.class, WebLoginErrors.class})
public class WebLoginHttpConfiguration {
    /** Ahead of the route guard (-110) and Spring Security (-100), so preflights are answered for anonymous callers. */
    static final int CORS_ORDER = -120;

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE + 20)
    SecurityFilterChain webLogin(HttpSecurity http) throws Exception {
        return StatelessChain.forPaths(http, "/oauth/**")
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .build();
    }

    @Bean
    FilterRegistrationBean<CorsFilter> webLoginCors(WebLoginSettings settings) {
        FilterRegistrationBean<CorsFilter> registration = new FilterRegistrationBean<>(WebLoginCors.filter(settings));
        registration.setOrder(CORS_ORDER);
        registration.setUrlPatterns(java.util.List.of("/api/*"));
        return registration;
    }
}
