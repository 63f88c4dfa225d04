package dev.wxgate.adapters.web.callback;

import dev.wxgate.adapters.web.security.WebSecurityConfiguration;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/** The callback endpoint's slice: its controller, error mapping and security chain beside the default chain. */
@SpringBootConfiguration
@Import({CallbackApiConfiguration.class, WebSecurityConfiguration.class})
class CallbackTestConfiguration {
    static final int MAX_BODY = 2048;

    @Bean
    CallbackWebSettings callbackWebSettings() {
        return new CallbackWebSettings(MAX_BODY);
    }
}
