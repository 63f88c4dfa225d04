package dev.wxgate.bootstrap;

import java.util.List;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.ImportSelector;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.core.type.AnnotationMetadata;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.util.ClassUtils;

/**
 * The built-in WeChat sandbox, served on wxgate's own port: WeChat's endpoints under {@value #WECHAT_PATH}, its
 * control API under {@code /_sandbox/}. On when {@code wxgate.sandbox.enabled=true}, or by default while no real app
 * is configured; never on the runtime path of a production configuration unless asked for.
 *
 * <p>The sandbox and its wiring ({@code embedded-sandbox}, {@value #EMBEDDED_SANDBOX}) are on bootstrap's runtime
 * classpath only: this class imports the wiring by name, so no production class compiles against the sandbox, and a
 * {@code wxgate.jar} built with {@code -Pwithout-sandbox} has neither (the sandbox is then never wanted).
 */
@Configuration(proxyBeanMethods = false)
@Conditional(SandboxConfiguration.Wanted.class)
@Import(SandboxConfiguration.EmbeddedSandbox.class)
class SandboxConfiguration {
    static final String WECHAT_PATH = "/_sandbox/wechat";

    /** embedded-sandbox's configuration: the sandbox, and its apps as wxgate's apps. */
    static final String EMBEDDED_SANDBOX = "dev.wxgate.embeddedsandbox.EmbeddedSandboxConfiguration";

    /** The sandbox is a development tool: open, stateless, no CSRF (it is off once real apps are configured). */
    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    SecurityFilterChain sandboxEndpoints(HttpSecurity http) throws Exception {
        return http.securityMatcher("/_sandbox/**")
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .csrf(csrf -> csrf.disable())
                .build();
    }

    /** Whether this build carries the sandbox (a jar built with {@code -Pwithout-sandbox} does not). */
    static boolean isShipped() {
        return ClassUtils.isPresent(EMBEDDED_SANDBOX, SandboxConfiguration.class.getClassLoader());
    }

    /**
     * Asked for ({@code wxgate.sandbox.enabled}), or by default while no app is configured, and shipped. Asking for a
     * sandbox this build does not carry fails the start-up.
     */
    static boolean isWanted(Environment environment) {
        Binder binder = Binder.get(environment);
        boolean asked = binder.bind("wxgate.sandbox.enabled", Boolean.class).orElse(false);
        if (!isShipped()) {
            if (asked) {
                throw new InvalidSettingException(
                        "wxgate.sandbox.enabled",
                        "true, but this wxgate was built without the WeChat sandbox (-Pwithout-sandbox): configure"
                                + " wxgate.apps, or use a build that has it");
            }
            return false;
        }
        return binder.bind("wxgate.sandbox.enabled", Boolean.class)
                .orElseGet(() -> binder.bind("wxgate.apps", Bindable.listOf(WxgateProperties.App.class))
                        .map(List::isEmpty)
                        .orElse(true));
    }

    /** Imports {@value #EMBEDDED_SANDBOX} by name (it is only on the runtime classpath). */
    static final class EmbeddedSandbox implements ImportSelector {
        @Override
        public String[] selectImports(AnnotationMetadata importingClassMetadata) {
            return new String[] {EMBEDDED_SANDBOX};
        }
    }

    static final class Wanted implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return isWanted(context.getEnvironment());
        }
    }
}
