package dev.wxgate.bootstrap;

import dev.wxgate.adapters.web.HttpErrors;
import dev.wxgate.adapters.web.api.MiniProgramApiConfiguration;
import dev.wxgate.adapters.web.callback.CallbackApiConfiguration;
import dev.wxgate.adapters.web.errors.ErrorHandlingConfiguration;
import dev.wxgate.adapters.web.security.MetricsAccess;
import dev.wxgate.adapters.web.security.WebSecurityConfiguration;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import java.util.Optional;
import java.util.OptionalInt;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;

/** The inbound HTTP adapters wxgate serves; the admin console comes with {@link AdminConsoleConfiguration}. */
@Configuration(proxyBeanMethods = false)
@Import({
    WebSecurityConfiguration.class,
    MiniProgramApiConfiguration.class,
    CallbackApiConfiguration.class,
    HttpErrors.class,
    ErrorHandlingConfiguration.class
})
class WebConfiguration {

    /**
     * Who may scrape {@code /actuator/prometheus}: the key from {@code wxgate.metrics.key-sha256} on the main port;
     * anyone on the management port, once Spring Boot has started it on its own port ({@code local.management.port}).
     */
    @Bean
    MetricsAccess metricsAccess(WxgateProperties properties, Environment environment) {
        Optional<String> key =
                Optional.ofNullable(properties.metrics().keySha256()).filter(hex -> !hex.isBlank());
        try {
            return new MetricsAccess(key, () -> {
                // Sharing the main port, Spring Boot names it local.management.port too: that is not a port of its own.
                Integer management = environment.getProperty("local.management.port", Integer.class);
                Integer main = environment.getProperty("local.server.port", Integer.class);
                return management == null || management.equals(main) ? OptionalInt.empty() : OptionalInt.of(management);
            });
        } catch (IllegalArgumentException invalid) {
            throw new InvalidSettingException("wxgate.metrics.key-sha256", invalid.getMessage());
        }
    }

    /** What /v3/api-docs says about itself. */
    @Bean
    OpenAPI wxgateOpenApi() {
        return new OpenAPI()
                .info(
                        new Info()
                                .title("wxgate")
                                .version("v1")
                                .description(
                                        "Mini-program login and sessions (/api/v1) and the central access_token server for"
                                                + " other backends (/internal/v1). Errors are {\"error\", \"message\"}; see docs/api.md."));
    }
}
