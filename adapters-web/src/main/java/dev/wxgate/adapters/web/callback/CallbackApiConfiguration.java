package dev.wxgate.adapters.web.callback;

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
 * Adapter: WeChat's callbacks under {@code /wx/callback/{appId}}: the controller, its error mapping, and its
 * security: open to all (WeChat authenticates by signature, checked per request), stateless, no cookies so no CSRF,
 * bodies limited before anything parses them. Needs {@link CallbackWebSettings} and the two use cases as beans.
 */
@Configuration(proxyBeanMethods = false)
@Import({CallbackController.class, CallbackErrors.class})
public class CallbackApiConfiguration {

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE + 20)
    SecurityFilterChain wechatCallbacks(HttpSecurity http, CallbackWebSettings settings) throws Exception {
        return StatelessChain.forPaths(http, "/wx/callback/**")
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .addFilterBefore(new BodySizeLimitFilter(settings.maxBodyBytes()), AnonymousAuthenticationFilter.class)
                .exceptionHandling(errors -> errors.accessDeniedHandler((request, response, denied) ->
                        new ErrorBody("forbidden", "not allowed").writeTo(response, 403)))
                .build();
    }
}
