package dev.wxgate.bootstrap;

import dev.wxgate.adapters.web.HttpErrors;
import dev.wxgate.adapters.web.api.MiniProgramApiConfiguration;
import dev.wxgate.adapters.web.callback.CallbackApiConfiguration;
import dev.wxgate.adapters.web.errors.ErrorHandlingConfiguration;
import dev.wxgate.adapters.web.security.WebSecurityConfiguration;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

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
