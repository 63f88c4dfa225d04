package dev.wxgate.bootstrap;

import dev.wxgate.sandbox.WechatSandboxConfiguration;
import java.util.List;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The built-in WeChat sandbox, served on wxgate's own port: WeChat's endpoints under {@value #WECHAT_PATH}, its
 * control API under {@code /_sandbox/}. On when {@code wxgate.sandbox.enabled=true}, or by default while no real app
 * is configured; never on the runtime path of a production configuration unless asked for.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(SandboxConfiguration.Wanted.class)
@Import(WechatSandboxConfiguration.class)
class SandboxConfiguration {
    static final String WECHAT_PATH = "/_sandbox/wechat";

    /** The sandbox is a development tool: open, stateless, no CSRF (it is off once real apps are configured). */
    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    SecurityFilterChain sandboxEndpoints(HttpSecurity http) throws Exception {
        return http.securityMatcher("/_sandbox/**")
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .csrf(csrf -> csrf.disable())
                .build();
    }

    static boolean isWanted(Environment environment) {
        Binder binder = Binder.get(environment);
        return binder.bind("wxgate.sandbox.enabled", Boolean.class)
                .orElseGet(() -> binder.bind("wxgate.apps", Bindable.listOf(WxgateProperties.App.class))
                        .map(List::isEmpty)
                        .orElse(true));
    }

    static final class Wanted implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return isWanted(context.getEnvironment());
        }
    }
}
